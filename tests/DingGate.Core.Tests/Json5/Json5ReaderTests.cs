using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using DingGate.Core.Configuration.Json5;

namespace DingGate.Core.Tests.Json5;

public sealed class Json5ReaderTests
{
    [Fact]
    public void Parse_DesignConfigExample_ExactTree()
    {
        const string text = """
            {
              models: { default: { provider: "openai", baseUrl: "https://dashscope.aliyuncs.com/compatible-mode/v1",
                                   model: "qwen-plus", apiKey: "${DASHSCOPE_API_KEY}" } },
              channels: { dingtalk: {
                enabled: true, dmPolicy: "pairing", groupPolicy: "open", allowFrom: [], messageType: "card",
                maxConnectionAttempts: 10, initialReconnectDelay: 1000, maxReconnectDelay: 60000, reconnectJitter: 0.3,
                accounts: { main: { clientId: "dingxxx", clientSecret: "${DINGTALK_SECRET}", name: "My AI Assistant" } },
              } },
            }
            """;

        var node = Json5Reader.Parse(text);

        Assert.Equal(
            """{"models":{"default":{"provider":"openai","baseUrl":"https://dashscope.aliyuncs.com/compatible-mode/v1","model":"qwen-plus","apiKey":"${DASHSCOPE_API_KEY}"}},"channels":{"dingtalk":{"enabled":true,"dmPolicy":"pairing","groupPolicy":"open","allowFrom":[],"messageType":"card","maxConnectionAttempts":10,"initialReconnectDelay":1000,"maxReconnectDelay":60000,"reconnectJitter":0.3,"accounts":{"main":{"clientId":"dingxxx","clientSecret":"${DINGTALK_SECRET}","name":"My AI Assistant"}}}}}""",
            node!.ToJsonString());
        Assert.Equal(10L, node["channels"]!["dingtalk"]!["maxConnectionAttempts"]!.GetValue<long>());
        Assert.Equal(0.3, node["channels"]!["dingtalk"]!["reconnectJitter"]!.GetValue<double>());
    }

    [Fact]
    public void Parse_CommentsTrailingCommasQuotesAndKeys_ExactTree()
    {
        const string text = "// head\n{ a: 1, /* x */ 'b': 'it\\'s', \"c\": [1, 2,], $_d\\u0065: null, 名字: '钉钉', }\n/* tail */";

        var node = Json5Reader.Parse(text);

        Assert.Equal("""{"a":1,"b":"it's","c":[1,2],"$_de":null,"名字":"钉钉"}""", node!.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    [Theory]
    [InlineData("'\\b\\f\\n\\r\\t\\v\\0'", "\b\f\n\r\t\v\0")]
    [InlineData("'\\x41\\u4E2D\\uD83D\\uDE00'", "A中😀")]
    [InlineData("'a\\\nb\\\r\nc\\\rd\\\u2028e'", "abcde")]
    [InlineData("'\\a\\q\\/\\ \\中'", "aq/ 中")]
    [InlineData("\"raw\u2028\u2029\"", "raw\u2028\u2029")]
    [InlineData("'\\0a'", "\0a")]
    public void Parse_StringEscapes_Resolved(string text, string expected) =>
        Assert.Equal(expected, Json5Reader.Parse(text)!.GetValue<string>());

    [Theory]
    [InlineData("42", 42L)]
    [InlineData("-42", -42L)]
    [InlineData("+7", 7L)]
    [InlineData("0x1F", 31L)]
    [InlineData("-0X10", -16L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    [InlineData("0x7FFFFFFFFFFFFFFF", long.MaxValue)]
    [InlineData("-0x8000000000000000", long.MinValue)]
    public void Parse_IntegerThatFits_IsLong(string text, long expected)
    {
        var value = Json5Reader.Parse(text)!.AsValue();

        Assert.True(value.TryGetValue<long>(out var actual), $"{text} is not a long");
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(".5", 0.5)]
    [InlineData("5.", 5.0)]
    [InlineData("-.5", -0.5)]
    [InlineData("1e3", 1000.0)]
    [InlineData("5.e-1", 0.5)]
    [InlineData("9223372036854775808", 9223372036854775808.0)]
    [InlineData("0xFFFFFFFFFFFFFFFF", 18446744073709551615.0)]
    [InlineData("0x123456789ABCDEF0123", 5.373003642731685e21)]
    [InlineData("1e400", double.PositiveInfinity)]
    [InlineData("Infinity", double.PositiveInfinity)]
    [InlineData("+Infinity", double.PositiveInfinity)]
    [InlineData("-Infinity", double.NegativeInfinity)]
    [InlineData("NaN", double.NaN)]
    [InlineData("-NaN", double.NaN)]
    public void Parse_OtherNumber_IsDouble(string text, double expected)
    {
        var value = Json5Reader.Parse(text)!.AsValue();

        Assert.False(value.TryGetValue<long>(out _), $"{text} is a long");
        Assert.Equal(expected, value.GetValue<double>());
    }

    [Theory]
    [InlineData("-0")]
    [InlineData("-0.0")]
    [InlineData("-0x0")]
    public void Parse_NegativeZero_IsNegativeDoubleZero(string text)
    {
        var d = Json5Reader.Parse(text)!.GetValue<double>();

        Assert.True(d == 0 && double.IsNegative(d));
    }

    [Fact]
    public void Parse_NonFiniteValues_SerializeOnlyWithNamedFloatingPointLiterals()
    {
        var node = Json5Reader.Parse("[Infinity, -Infinity, NaN]")!;

        Assert.ThrowsAny<ArgumentException>(() => node.ToJsonString());
        Assert.Equal("""["Infinity","-Infinity","NaN"]""", node.ToJsonString(new JsonSerializerOptions { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals }));
    }

    [Fact]
    public void Parse_DuplicateKeys_LastWinsInPlaceOfFirst()
    {
        var node = Json5Reader.Parse("{ a: 1, b: 2, a: { x: 3 }, }");

        Assert.Equal("""{"a":{"x":3},"b":2}""", node!.ToJsonString());
    }

    [Fact]
    public void Parse_WithDuplicateCollection_ReportsEachRepeatWithPathAndBothLines()
    {
        var duplicates = new List<Json5DuplicateKey>();
        const string Text = "{\n  a: 1,\n  list: [ { k: 1,\n    k: 2 } ],\n  o: { 'x y': 1, \"x y\": 2 },\n  a: 3,\n  a: 4,\n}";

        var node = Json5Reader.Parse(Text, "f.json5", duplicates);

        Assert.Equal("""{"a":4,"list":[{"k":2}],"o":{"x y":2}}""", node!.ToJsonString());
        Assert.Equal(
            [new Json5DuplicateKey("list[0].k", 3, 4), new Json5DuplicateKey("o.x y", 5, 5), new Json5DuplicateKey("a", 2, 6), new Json5DuplicateKey("a", 2, 7)],
            duplicates);
    }

    [Fact]
    public void Parse_WithDuplicateCollection_SameKeyInSiblingObjectsIsNoDuplicate()
    {
        var duplicates = new List<Json5DuplicateKey>();

        Json5Reader.Parse("{ a: { k: 1 }, b: { k: 2 }, c: [ { k: 1 }, { k: 2 } ] }", null, duplicates);

        Assert.Empty(duplicates);
    }

    [Theory]
    [InlineData("null")]
    [InlineData(" /* c */ null // c")]
    public void Parse_NullLiteral_ReturnsNull(string text) => Assert.Null(Json5Reader.Parse(text));

    [Theory]
    [InlineData("", 1, 1, "invalid end of input")]
    [InlineData("{\n  a: 1,\n  b: @\n}", 3, 6, "invalid character '@'")]
    [InlineData("{ a: 01 }", 1, 7, "invalid character '1'")]
    [InlineData("{ a: 1 } x", 1, 10, "invalid character 'x'")]
    [InlineData("[,]", 1, 2, "invalid character ','")]
    [InlineData("{ 1a: 1 }", 1, 3, "invalid character '1'")]
    [InlineData("'abc", 1, 5, "invalid end of input")]
    [InlineData("[1] /* open", 1, 12, "invalid end of input")]
    [InlineData("{\n  a: 1,\n", 3, 1, "invalid end of input")]
    [InlineData("\"a\\1\"", 1, 4, "invalid character '1'")]
    [InlineData("\"\\xZ0\"", 1, 4, "invalid character 'Z'")]
    [InlineData("{ \\u0031: 1 }", 1, 3, "invalid identifier character")]
    [InlineData("[\n  \"one\ntwo\"]", 3, 0, "invalid character '\\n'")]
    [InlineData("[1, \u0001]", 1, 5, "invalid character '\\x01'")]
    [InlineData("{ 😀: 1 }", 1, 4, "invalid character '😀'")]
    [InlineData("\"it\"'s'", 1, 5, "invalid character '\\''")]
    [InlineData("tru", 1, 4, "invalid end of input")]
    public void Parse_Invalid_ReportsLineColumnAndReason(string text, int line, int column, string reason)
    {
        var ex = Assert.Throws<Json5Exception>(() => Json5Reader.Parse(text));

        Assert.Equal((line, column, reason), (ex.Line, ex.Column, ex.Reason));
        Assert.Equal($"{reason} at {line}:{column}", ex.Message);
    }

    [Fact]
    public void Parse_InvalidWithSourceName_MessageNamesTheSource()
    {
        var ex = Assert.Throws<Json5Exception>(() => Json5Reader.Parse("{ a: 1 } x", "/home/u/.dinggate/dinggate.json"));

        Assert.Equal("/home/u/.dinggate/dinggate.json: invalid character 'x' at 1:10", ex.Message);
        Assert.Equal("/home/u/.dinggate/dinggate.json", ex.Source);
    }

    [Fact]
    public void Parse_Null_ThrowsArgumentNull() => Assert.Throws<ArgumentNullException>(() => Json5Reader.Parse(null!));

    [Fact]
    public void Parse_NestingAtLimit_Accepted()
    {
        var depth = Json5Reader.MaxDepth;
        var node = Json5Reader.Parse(new string('[', depth) + new string(']', depth));

        var level = 1;
        while (node is JsonArray { Count: 1 } array)
        {
            node = array[0];
            level++;
        }

        Assert.Equal(depth, level);
    }

    [Theory]
    [InlineData('[', ']')]
    [InlineData('{', '}')]
    public void Parse_NestingBeyondLimit_ClearError(char open, char close)
    {
        var depth = Json5Reader.MaxDepth + 1;
        var text = open == '['
            ? new string('[', depth) + new string(']', depth)
            : string.Concat(Enumerable.Repeat("{a:", depth)) + "1" + new string(close, depth);

        var ex = Assert.Throws<Json5Exception>(() => Json5Reader.Parse(text));

        Assert.Equal("nesting deeper than 256 levels", ex.Reason);
        Assert.Equal((1, open == '[' ? depth : (3 * depth) - 2), (ex.Line, ex.Column));
    }

    [Fact]
    public void Parse_HugeInput_ParsedCompletely()
    {
        // Large inputs parse whole (no stack overflow, last-key-wins on 200 000 keys). Speed is the benchmark's job,
        // not a timed assertion; quadratic behaviour would show as this test hanging.
        var longString = "'" + new string('字', 4_000_000) + "'";
        var manyKeys = "{" + string.Join(',', Enumerable.Range(0, 200_000).Select(i => $"k{i % 50_000}: {i}")) + "}";
        var longArray = "[" + string.Join(',', Enumerable.Repeat("1.5e3", 400_000)) + "]";
        var longComment = "/*" + new string('*', 2_000_000) + "*/ 1";

        Assert.Equal(4_000_000, Json5Reader.Parse(longString)!.GetValue<string>().Length);
        var obj = Json5Reader.Parse(manyKeys)!.AsObject();
        Assert.Equal(50_000, obj.Count);
        Assert.Equal(150_000L, obj["k0"]!.GetValue<long>());
        Assert.Equal(400_000, Json5Reader.Parse(longArray)!.AsArray().Count);
        Assert.Equal(1L, Json5Reader.Parse(longComment)!.GetValue<long>());
    }
}
