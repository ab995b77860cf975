using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using DingGate.DingTalk.Stream.Registration;

namespace DingGate.DingTalk.Stream.Frames;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ServerFrameDto))]
[JsonSerializable(typeof(AckFrame))]
[JsonSerializable(typeof(EventAckData))]
[JsonSerializable(typeof(StreamRegistrationRequest))]
[JsonSerializable(typeof(StreamRegistrationResponse))]
internal sealed partial class StreamJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The instance for what goes on the wire (ACK frames, the registration body): plain JSON as the official SDKs write
    /// it, so an ACK's data string reads <c>"{\"response\":null}"</c>, not <c>"{\u0022response\u0022:null}"</c>
    /// (SDK-node JSON.stringify, SDK-py json.dumps and SDK-go encoding/json all escape a quote as <c>\"</c>), and
    /// non-ASCII or <c>+</c> stay themselves as with SDK-node. Frames are never embedded in HTML.
    /// </summary>
    public static StreamJsonContext Wire { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    });
}
