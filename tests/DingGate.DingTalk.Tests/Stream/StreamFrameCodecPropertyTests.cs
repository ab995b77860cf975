using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using DingGate.DingTalk.Stream.Frames;

namespace DingGate.DingTalk.Tests.Stream;

public sealed class StreamFrameCodecPropertyTests
{
    private static readonly Gen<string> Names = Gen.OneOf<string>("type", "headers", "data", "specVersion", "topic", "messageId", "x");

    // Arbitrary JSON values biased towards frame-like objects.
    private static readonly Gen<JsonNode?> Json = Gen.Recursive<JsonNode?>((depth, inner) =>
    {
        var leaf = Gen.OneOf(
            Gen.String.Select(s => (JsonNode?)JsonValue.Create(s)),
            Gen.Int.Select(i => (JsonNode?)JsonValue.Create(i)),
            Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)),
            Gen.Const((JsonNode?)null));
        if (depth > 3)
        {
            return leaf;
        }

        var obj = Gen.Select(Gen.OneOf<string>(Names, Gen.String), inner).Array[0, 5]
            .Select(pairs => (JsonNode?)new JsonObject(pairs.DistinctBy(p => p.Item1).Select(p => KeyValuePair.Create(p.Item1, p.Item2))));
        var arr = inner.Array[0, 4].Select(items => (JsonNode?)new JsonArray(items));
        return Gen.OneOf(leaf, obj, obj, arr);
    });

    [Fact]
    public void Parse_ArbitraryStrings_NeverThrows() =>
        Gen.String.Sample(text =>
        {
            var result = StreamFrameParser.Parse(text);
            return result.IsSuccess != (result.Error is not null);
        });

    [Fact]
    public void Parse_ArbitraryJson_NeverThrows() =>
        Json.Sample(node =>
        {
            var text = node?.ToJsonString() ?? "null";
            var result = StreamFrameParser.Parse(text);
            return result.IsSuccess ? result.Frame!.Type.Length > 0 : result.Error is not null;
        });

    [Fact]
    public void Parse_TruncatedFrames_NeverThrows()
    {
        const string frame = """{"specVersion":"1.0","type":"CALLBACK","headers":{"topic":"/v1.0/im/bot/messages/get","messageId":"m"},"data":"{\"msgId\":\"x\"}"}""";
        Gen.Int[0, frame.Length].Sample(n => StreamFrameParser.Parse(frame[..n]).IsSuccess == (n == frame.Length));
    }

    [Fact]
    public void CallbackAndSystemAcks_RoundTrip() =>
        Gen.Select(Gen.String, Gen.String).Sample((messageId, data) =>
        {
            var system = AckFrames.TryParse(AckFrames.System(messageId, data))!;
            var callback = AckFrames.TryParse(AckFrames.Callback(messageId))!;
            return system.Code == 200 && system.Headers["messageId"] == messageId && system.Data == data &&
                   callback.Headers["messageId"] == messageId && callback.Data == "{\"response\":null}";
        });

    [Fact]
    public void EventAck_RoundTripsStatusAndMessage() =>
        Gen.Select(Gen.String, Gen.Bool, Gen.String).Sample((messageId, success, message) =>
        {
            var ack = AckFrames.TryParse(AckFrames.Event(messageId, success, message))!;
            using var data = JsonDocument.Parse(ack.Data);
            return ack.Headers["messageId"] == messageId &&
                   data.RootElement.GetProperty("status").GetString() == (success ? "SUCCESS" : "LATER") &&
                   data.RootElement.GetProperty("message").GetString() == message;
        });
}
