using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace DingGate.DingTalk.Inbound.Models;

/// <summary>
/// Reads an array of objects, skipping elements that are not objects; a value that is not an array reads as an empty list.
/// </summary>
internal sealed class LenientListConverter<T> : JsonConverter<IReadOnlyList<T>?>
    where T : class
{
    public override bool HandleNull => true;

    public override IReadOnlyList<T>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return [];
        }

        var typeInfo = (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
        var items = new List<T>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.StartObject && JsonSerializer.Deserialize(ref reader, typeInfo) is { } item)
            {
                items.Add(item);
            }
            else
            {
                reader.Skip();
            }
        }

        return items;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<T>? value, JsonSerializerOptions options) =>
        throw new NotSupportedException("Inbound DTOs are read only.");
}
