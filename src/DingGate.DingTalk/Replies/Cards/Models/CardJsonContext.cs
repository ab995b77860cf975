using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DingGate.DingTalk.Replies.Cards.Models;

/// <summary>Source-generated JSON metadata of the card wire DTOs (passed to the api client as BodyType / typeInfo).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CreateAndDeliverRequest))]
[JsonSerializable(typeof(CreateAndDeliverResponse))]
[JsonSerializable(typeof(CardStreamingRequest))]
[JsonSerializable(typeof(CardInstanceUpdateRequest))]
[JsonSerializable(typeof(CardBoolResponse))]
internal sealed partial class CardJsonContext : JsonSerializerContext
{
    /// <summary>Chinese text written as itself on the wire.</summary>
    public static CardJsonContext Wire { get; } = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    });
}
