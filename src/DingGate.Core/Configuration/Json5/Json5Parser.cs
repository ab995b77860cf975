using System.Text.Json.Nodes;

namespace DingGate.Core.Configuration.Json5;

// One parse: the token loop of npm json5 (a state machine with an explicit stack, so depth costs no call stack).
internal sealed class Json5Parser
{
    private readonly Json5Cursor _cursor;
    private readonly Json5Lexer _lexer;
    private readonly List<JsonNode> _stack = [];

    // Only when duplicates are collected: the path of each open container and, for objects, the line of each key.
    private readonly ICollection<Json5DuplicateKey>? _duplicates;
    private readonly List<string> _paths = [];
    private readonly List<Dictionary<string, int>?> _keyLines = [];
    private Json5ParseState _state = Json5ParseState.Start;
    private string _key = string.Empty;
    private int _keyLine;
    private JsonNode? _root;

    public Json5Parser(string text, string? source, ICollection<Json5DuplicateKey>? duplicates = null)
    {
        _cursor = new Json5Cursor(text, source);
        _lexer = new Json5Lexer(_cursor);
        _duplicates = duplicates;
    }

    public JsonNode? Parse()
    {
        while (true)
        {
            var token = _lexer.Next(_state);
            if (token.Kind == Json5TokenKind.EndOfInput)
            {
                return _state == Json5ParseState.End ? _root : throw _cursor.InvalidEndOfInput();
            }

            switch (_state)
            {
                case Json5ParseState.BeforePropertyName:
                    if (token.Kind is Json5TokenKind.Identifier or Json5TokenKind.String)
                    {
                        _key = token.Text!;
                        _keyLine = token.Line;
                        _state = Json5ParseState.AfterPropertyName;
                    }
                    else
                    {
                        Pop();
                    }

                    break;
                case Json5ParseState.AfterPropertyName:
                    _state = Json5ParseState.BeforePropertyValue;
                    break;
                case Json5ParseState.BeforeArrayValue when token.Is(']'):
                    Pop();
                    break;
                case Json5ParseState.AfterPropertyValue:
                    if (token.Is(','))
                    {
                        _state = Json5ParseState.BeforePropertyName;
                    }
                    else
                    {
                        Pop();
                    }

                    break;
                case Json5ParseState.AfterArrayValue:
                    if (token.Is(','))
                    {
                        _state = Json5ParseState.BeforeArrayValue;
                    }
                    else
                    {
                        Pop();
                    }

                    break;
                default:
                    Push(token);
                    break;
            }
        }
    }

    private void Push(Json5Token token)
    {
        JsonNode? value = token.Kind == Json5TokenKind.Punctuator
            ? token.Punctuator == '{' ? new JsonObject() : new JsonArray()
            : token.Value;

        var path = string.Empty;
        if (_stack.Count == 0)
        {
            _root = value;
        }
        else if (_stack[^1] is JsonArray array)
        {
            path = _duplicates is null ? path : $"{_paths[^1]}[{array.Count}]";
            array.Add(value);
        }
        else
        {
            path = _duplicates is null ? path : Track();

            // Last wins, in the place of the first (like JavaScript's property definition).
            ((JsonObject)_stack[^1])[_key] = value;
        }

        if (value is JsonObject or JsonArray)
        {
            if (_stack.Count == Json5Reader.MaxDepth)
            {
                throw _cursor.Error($"nesting deeper than {Json5Reader.MaxDepth} levels");
            }

            _stack.Add(value);
            if (_duplicates is not null)
            {
                _paths.Add(path);
                _keyLines.Add(value is JsonObject ? new Dictionary<string, int>(StringComparer.Ordinal) : null);
            }

            _state = value is JsonArray ? Json5ParseState.BeforeArrayValue : Json5ParseState.BeforePropertyName;
        }
        else
        {
            SetStateAfterValue();
        }
    }

    // The path of the key being set in the innermost object; a key seen before in it is recorded as a duplicate.
    private string Track()
    {
        var parent = _paths[^1];
        var path = parent.Length == 0 ? _key : parent + "." + _key;
        var lines = _keyLines[^1]!;
        if (lines.TryGetValue(_key, out var first))
        {
            _duplicates!.Add(new Json5DuplicateKey(path, first, _keyLine));
        }
        else
        {
            lines[_key] = _keyLine;
        }

        return path;
    }

    private void Pop()
    {
        _stack.RemoveAt(_stack.Count - 1);
        if (_duplicates is not null)
        {
            _paths.RemoveAt(_paths.Count - 1);
            _keyLines.RemoveAt(_keyLines.Count - 1);
        }

        SetStateAfterValue();
    }

    private void SetStateAfterValue() => _state = _stack.Count == 0
        ? Json5ParseState.End
        : _stack[^1] is JsonArray ? Json5ParseState.AfterArrayValue : Json5ParseState.AfterPropertyValue;
}
