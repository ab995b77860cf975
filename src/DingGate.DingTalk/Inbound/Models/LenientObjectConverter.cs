using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace DingGate.DingTalk.Inbound.Models;

/// <summary>
/// Reads a nested object; a value of any other shape (string, number, array) is skipped and read as null, so a
/// mistyped optional part never makes the whole payload unreadable.
/// </summary>
internal sealed class LenientObjectConverter<T> : JsonConverter<T?>
    where T : class
{
    public override bool HandleNull => true;

    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        return JsonSerializer.Deserialize(ref reader, (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T)));
    }

    public override void Write(Utf8JsonWriter writer, T? value, JsonSerializerOptions options) =>
        throw new NotSupportedException("Inbound DTOs are read only.");
}
