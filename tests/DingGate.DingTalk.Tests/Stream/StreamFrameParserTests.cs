using DingGate.DingTalk.Stream.Frames;

namespace DingGate.DingTalk.Tests.Stream;

public sealed class StreamFrameParserTests
{
    [Fact]
    public void Parse_PingWithoutSpecVersion_ReadsTypeHeadersAndData()
    {
        const string text = """{"type":"SYSTEM","headers":{"topic":"ping","messageId":"7a1e_9f01","contentType":"application/json","time":"1735660800123"},"data":"{\"opaque\":\"3f6c\"}"}""";

        var result = StreamFrameParser.Parse(text);

        Assert.True(result.IsSuccess);
        var frame = result.Frame!;
        Assert.Null(frame.SpecVersion);
        Assert.Equal("SYSTEM", frame.Type);
        Assert.Equal("ping", frame.Topic);
        Assert.Equal("7a1e_9f01", frame.MessageId);
        Assert.Equal("1735660800123", frame.Header("time"));
        Assert.Equal("{\"opaque\":\"3f6c\"}", frame.Data);
    }

    [Fact]
    public void Parse_UnknownFieldsAndNonStringHeaders_AreTolerated()
    {
        const string text = """{"specVersion":"1.0","type":"CALLBACK","time":12,"extra":{"a":[1]},"headers":{"topic":"/x","messageId":"m1","time":1735660800123,"flag":true,"nothing":null,"obj":{"k":1}},"data":"{}"}""";

        var frame = StreamFrameParser.Parse(text).Frame!;

        Assert.Equal("1.0", frame.SpecVersion);
        Assert.Equal("1735660800123", frame.Header("time"));
        Assert.Equal("true", frame.Header("flag"));
        Assert.Null(frame.Header("nothing"));
        Assert.Equal("{\"k\":1}", frame.Header("obj"));
        Assert.Equal("m1", frame.MessageId);
    }

    [Fact]
    public void Parse_DataAbsentOrObject_NullOrRawText()
    {
        Assert.Null(StreamFrameParser.Parse("""{"type":"SYSTEM","headers":{"topic":"ping"}}""").Frame!.Data);
        Assert.Equal("{\"a\":1}", StreamFrameParser.Parse("""{"type":"EVENT","data":{"a":1}}""").Frame!.Data);
        Assert.Empty(StreamFrameParser.Parse("""{"type":"EVENT"}""").Frame!.Headers);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("null")]
    [InlineData("\"text\"")]
    [InlineData("{\"headers\":{}}")]
    [InlineData("{\"type\":\"\"}")]
    [InlineData("{\"type\":5}")]
    [InlineData("{\"type\":\"SYSTEM\",\"headers\":[1]}")]
    [InlineData("{\"type\":\"SYSTEM\"")]
    [InlineData("{\"type\":\"SYSTEM\",\"headers\":{\"a\":\"1\",\"a\":\"2\"}}x")]
    public void Parse_Malformed_ReturnsError(string text)
    {
        var result = StreamFrameParser.Parse(text);

        Assert.False(result.IsSuccess);
        Assert.False(string.IsNullOrEmpty(result.Error));
    }

    [Fact]
    public void CallbackAck_HasSpecShape()
    {
        Assert.Equal(
            """{"code":200,"headers":{"contentType":"application/json","messageId":"212ca9d7_974"},"message":"OK","data":"{\"response\":null}"}""",
            AckFrames.Callback("212ca9d7_974"));
        Assert.Equal("{\"response\":{}}", AckFrames.TryParse(AckFrames.Callback("m", "{}"))!.Data);
    }

    [Fact]
    public void EventAck_SuccessAndLater_CarryStatus()
    {
        Assert.Equal("{\"status\":\"SUCCESS\",\"message\":\"success\"}", AckFrames.TryParse(AckFrames.Event("e1", success: true))!.Data);
        Assert.Equal("{\"status\":\"LATER\",\"message\":\"busy\"}", AckFrames.TryParse(AckFrames.Event("e1", success: false, "busy"))!.Data);
    }

    [Fact]
    public void SystemAck_EchoesDataAndMessageId()
    {
        var ack = AckFrames.TryParse(AckFrames.System("p1", "{\"opaque\":\"x\"}"))!;

        Assert.Equal(200, ack.Code);
        Assert.Equal("OK", ack.Message);
        Assert.Equal("p1", ack.Headers["messageId"]);
        Assert.Equal("application/json", ack.Headers["contentType"]);
        Assert.Equal("{\"opaque\":\"x\"}", ack.Data);
    }
}
