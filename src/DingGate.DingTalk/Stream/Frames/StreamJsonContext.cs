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
internal sealed partial class StreamJsonContext : JsonSerializerContext;
