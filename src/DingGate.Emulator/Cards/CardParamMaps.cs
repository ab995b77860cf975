using System.Text.Json;
using System.Text.Json.Nodes;

namespace DingGate.Emulator.Cards;

/// <summary>
/// Reads <c>{"cardParamMap":{…}}</c> holders and <c>privateData</c> maps. Every value must be a JSON string
/// (spec §6.1: numbers as "1", objects as JSON strings); anything else is <c>param.invalid</c> naming the key.
/// </summary>
internal static class CardParamMaps
{
    /// <summary>Null map (and no error) when the holder or its cardParamMap is absent.</summary>
    public static CardError? Read(JsonNode? holder, string path, out Dictionary<string, string>? map)
    {
        map = null;
        if (holder is null)
        {
            return null;
        }

        if (holder is not JsonObject obj)
        {
            return CardError.Invalid($"'{path}' must be an object");
        }

        if (!obj.TryGetPropertyValue("cardParamMap", out var node) || node is null)
        {
            return null;
        }

        if (node is not JsonObject values)
        {
            return CardError.Invalid($"'{path}.cardParamMap' must be an object of strings");
        }

        map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            if (value is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
            {
                return CardError.Invalid($"value of '{path}.cardParamMap.{key}' must be a string");
            }

            map[key] = v.GetValue<string>();
        }

        return null;
    }

    /// <summary>Reads <c>privateData: {userId: {cardParamMap}}</c>; null map when absent.</summary>
    public static CardError? ReadPrivate(JsonNode? node, out Dictionary<string, Dictionary<string, string>>? map)
    {
        map = null;
        if (node is null)
        {
            return null;
        }

        if (node is not JsonObject users)
        {
            return CardError.Invalid("'privateData' must be an object keyed by user id");
        }

        map = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var (userId, holder) in users)
        {
            var error = Read(holder, "privateData." + userId, out var values);
            if (error is not null)
            {
                return error;
            }

            map[userId] = values ?? new Dictionary<string, string>(StringComparer.Ordinal);
        }

        return null;
    }

    public static JsonObject ToJson(IReadOnlyDictionary<string, string> map)
    {
        var obj = new JsonObject();
        foreach (var (key, value) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            obj[key] = value;
        }

        return obj;
    }
}
