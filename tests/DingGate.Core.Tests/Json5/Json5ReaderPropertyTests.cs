using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using DingGate.Core.Configuration.Json5;

namespace DingGate.Core.Tests.Json5;

public sealed class Json5ReaderPropertyTests
{
    private static readonly Gen<char> TextChar = Gen.Frequency(
        (6, Gen.Char['a', 'z']),
        (2, Gen.OneOf<char>(' ', '"', '\'', '\\', '/', '*', '\n', '\r', '\t', '\0', '\u2028', '\u00A0', '$', '_', '0', '9')),
        (2, Gen.Char['\u4E00', '\u9FFF']),
        (1, Gen.Char.Where(c => !char.IsSurrogate(c))));

    private static readonly Gen<string> Text = Gen.Frequency(
        (8, TextChar.Array[0, 12].Select(chars => new string(chars))),
        (1, Gen.OneOf<string>("😀", "👨‍👩‍👧", "𠀀", "e\u0301", "__proto__", "constructor", "null", "1", "")));

    private static readonly Gen<JsonNode?> Leaf = Gen.Frequency<JsonNode?>(
        (1, Gen.Const((JsonNode?)null)),
        (1, Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b))),
        (2, Gen.Long.Select(l => (JsonNode?)JsonValue.Create(l))),
        (2, Gen.Int[-1000, 1000].Select(l => (JsonNode?)JsonValue.Create((long)l))),
        (2, Gen.Double.Where(double.IsFinite).Select(d => (JsonNode?)JsonValue.Create(d))),
        (1, Gen.Double[-1e6, 1e6].Select(d => (JsonNode?)JsonValue.Create(d))),
        (3, Text.Select(s => (JsonNode?)JsonValue.Create(s))));

    private static readonly Gen<JsonNode?> Tree = Node(4);

    private static Gen<JsonNode?> Node(int depth)
    {
        if (depth == 0)
        {
            return Leaf;
        }

        var child = Node(depth - 1);
        var array = child.Array[0, 5].Select(items => (JsonNode?)new JsonArray(items.Select(i => i?.DeepClone()).ToArray()));
        var obj = Gen.Select(Text, child).Array[0, 5].Select(pairs =>
        {
            var o = new JsonObject();
            foreach (var (key, value) in pairs)
            {
                o[key] = value?.DeepClone();
            }

            return (JsonNode?)o;
        });
        return Gen.Frequency((3, Leaf), (1, array), (1, obj));
    }

    [Fact]
    public void Parse_JsonWrittenBySystemTextJson_SameTree() =>
        Gen.Select(Tree, Gen.Bool, Gen.Bool).Sample((tree, indented, relaxed) =>
        {
            var options = new JsonSerializerOptions { WriteIndented = indented, Encoder = relaxed ? JavaScriptEncoder.UnsafeRelaxedJsonEscaping : JavaScriptEncoder.Default };
            var json = tree?.ToJsonString(options) ?? "null";

            var parsed = Json5Reader.Parse(json);

            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), parsed), json);
            Assert.Equal(json, parsed?.ToJsonString(options) ?? "null");
        }, iter: 2000);

    [Fact]
    public void Parse_TreeWrittenAsJson5_SameTree() =>
        Gen.Select(Tree, Gen.Int[0, int.MaxValue]).Sample((tree, seed) =>
        {
            var json5 = new Json5Writer(seed).Write(tree);

            var parsed = Json5Reader.Parse(json5);

            Assert.True(JsonNode.DeepEquals(tree, parsed), json5);
        }, iter: 2000);

    [Fact]
    public void Parse_ArbitraryText_ValueOrJson5ExceptionWithPosition()
    {
        var fragment = Gen.Frequency(
            (4, Gen.OneOf<string>("{", "}", "[", "]", ":", ",", "'", "\"", "\\", "/", "*", "//", "/*", "*/", "\n", "\r\n", " ", "\\u", "\\x",
                "0x", "-", "+", ".", "e", "1", "0", "Infinity", "NaN", "null", "true", "a", "字", "😀", "\u2028", "\uFEFF", "\uD800")),
            (1, Gen.Char.Select(c => c.ToString())));
        fragment.Array[0, 40].Select(parts => string.Concat(parts)).Sample(text =>
        {
            try
            {
                Json5Reader.Parse(text);
            }
            catch (Json5Exception ex)
            {
                Assert.InRange(ex.Line, 1, text.Count(c => c == '\n') + 1);
                Assert.InRange(ex.Column, 0, text.Length + 1);
                Assert.False(string.IsNullOrEmpty(ex.Reason));
            }
        }, iter: 20000);
    }

    // Writes a tree as JSON5 using the syntax JSON has not: unquoted keys, single quotes, JSON5 escapes, comments,
    // trailing commas, hex and signed numbers, odd white space.
    private sealed class Json5Writer(int seed)
    {
        private readonly Random _random = new(seed);
        private readonly StringBuilder _out = new();

        public string Write(JsonNode? node)
        {
            Space();
            Value(node);
            Space();
            return _out.ToString();
        }

        private void Value(JsonNode? node)
        {
            switch (node)
            {
                case null:
                    _out.Append("null");
                    break;
                case JsonArray array:
                    _out.Append('[');
                    for (var i = 0; i < array.Count; i++)
                    {
                        Space();
                        Value(array[i]);
                        Space();
                        if (i < array.Count - 1 || _random.Next(2) == 0)
                        {
                            _out.Append(',');
                        }
                    }

                    Space();
                    _out.Append(']');
                    break;
                case JsonObject obj:
                    _out.Append('{');
                    var n = 0;
                    foreach (var (key, value) in obj)
                    {
                        Space();
                        Key(key);
                        Space();
                        _out.Append(':');
                        Space();
                        Value(value);
                        Space();
                        if (++n < obj.Count || _random.Next(2) == 0)
                        {
                            _out.Append(',');
                        }
                    }

                    Space();
                    _out.Append('}');
                    break;
                default:
                    Primitive(node.AsValue());
                    break;
            }
        }

        private void Primitive(JsonValue value)
        {
            if (value.TryGetValue<long>(out var l))
            {
                _out.Append(_random.Next(4) switch
                {
                    0 when l >= 0 => "0x" + l.ToString(_random.Next(2) == 0 ? "X" : "x", CultureInfo.InvariantCulture),
                    1 when l >= 0 => "+" + l.ToString(CultureInfo.InvariantCulture),
                    _ => l.ToString(CultureInfo.InvariantCulture),
                });
            }
            else if (value.TryGetValue<double>(out var d))
            {
                var text = d.ToString("R", CultureInfo.InvariantCulture);
                _out.Append(_random.Next(3) == 0 && text.StartsWith("0.", StringComparison.Ordinal) ? text[1..] : text);
            }
            else if (value.TryGetValue<bool>(out var b))
            {
                _out.Append(b ? "true" : "false");
            }
            else
            {
                Quoted(value.GetValue<string>());
            }
        }

        private void Key(string key)
        {
            if (key.Length > 0 && (char.IsAsciiLetter(key[0]) || key[0] is '$' or '_') && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '$' or '_')
                && _random.Next(3) > 0)
            {
                _out.Append(key);
            }
            else
            {
                Quoted(key);
            }
        }

        private void Quoted(string s)
        {
            var quote = _random.Next(2) == 0 ? '\'' : '"';
            _out.Append(quote);
            foreach (var c in s)
            {
                if (c == quote || c == '\\')
                {
                    _out.Append('\\').Append(c);
                }
                else if (c == '\n')
                {
                    _out.Append(_random.Next(2) == 0 ? "\\n" : "\\u000A");
                }
                else if (c == '\r')
                {
                    _out.Append("\\r");
                }
                else if (c == '\0')
                {
                    _out.Append("\\x00");
                }
                else if (c is 'q' or 'z' && _random.Next(3) == 0)
                {
                    _out.Append('\\').Append(c); // Escaped ordinary characters are themselves.
                }
                else if (char.IsSurrogate(c) || _random.Next(8) == 0)
                {
                    _out.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                }
                else
                {
                    _out.Append(c);
                    if (_random.Next(10) == 0)
                    {
                        _out.Append("\\\r\n"); // Line continuation: adds nothing.
                    }
                }
            }

            _out.Append(quote);
        }

        private void Space() => _out.Append(_random.Next(8) switch
        {
            0 => " ",
            1 => "\n\t",
            2 => " /* c * / */ ",
            3 => " // line\n",
            4 => "\u00A0\u3000\uFEFF\r\n",
            _ => string.Empty,
        });
    }
}
