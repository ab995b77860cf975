using System.Text.Json;

namespace DingGate.DingTalk.Replies.Cards;

/// <summary>
/// A card button click as read from the callback data (spec §6.5): <c>outTrackId</c>, <c>userId</c> and the
/// <c>content</c> JSON string's <c>cardPrivateData.actionIds</c> / <c>params</c>. Lenient: wrong types and missing
/// parts read as absent; <c>content</c> may also be an object; ids read as text whatever their JSON type.
/// </summary>
internal sealed record CardCallbackClick(string? Type, string? OutTrackId, string? UserId, IReadOnlyList<string> ActionIds, IReadOnlyDictionary<string, string> Params)
{
    private const string StopWord = "stop";

    /// <summary>
    /// The click asks to stop the answer: an action id is or contains "stop", or <c>params.action</c> /
    /// <c>params.value</c> is "stop" (ASCII case-insensitive; template authors name buttons btn_stop, stopButton…).
    /// </summary>
    public bool IsStop =>
        ActionIds.Any(id => id.Contains(StopWord, StringComparison.OrdinalIgnoreCase))
        || Params.Any(p => (string.Equals(p.Key, "action", StringComparison.OrdinalIgnoreCase) || string.Equals(p.Key, "value", StringComparison.OrdinalIgnoreCase))
            && string.Equals(p.Value.Trim(), StopWord, StringComparison.OrdinalIgnoreCase));

    /// <summary>The click in <paramref name="data"/>, or null when it is not a JSON object.</summary>
    public static CardCallbackClick? TryParse(string? data)
    {
        using var document = TryParseDocument(data);
        if (document?.RootElement is not { ValueKind: JsonValueKind.Object } root)
        {
            return null;
        }

        var actionIds = new List<string>();
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        ReadContent(Property(root, "content"), actionIds, parameters);
        return new CardCallbackClick(Text(Property(root, "type")), Text(Property(root, "outTrackId")), Text(Property(root, "userId")), actionIds, parameters);
    }

    private static void ReadContent(JsonElement? content, List<string> actionIds, Dictionary<string, string> parameters)
    {
        if (content is { ValueKind: JsonValueKind.String } text)
        {
            using var inner = TryParseDocument(text.GetString());
            if (inner is not null)
            {
                ReadContent(inner.RootElement, actionIds, parameters);
            }

            return;
        }

        if (content is not { ValueKind: JsonValueKind.Object } body)
        {
            return;
        }

        // cardPrivateData is where DingTalk puts them; a body without it is read at its top level.
        var data = Property(body, "cardPrivateData") is { ValueKind: JsonValueKind.Object } privateData ? privateData : body;
        if (Property(data, "actionIds") is { ValueKind: JsonValueKind.Array } ids)
        {
            actionIds.AddRange(ids.EnumerateArray().Select(Text).OfType<string>());
        }
        else if (Text(Property(data, "actionIds")) is { } single)
        {
            actionIds.Add(single);
        }

        if (Property(data, "params") is { ValueKind: JsonValueKind.Object } values)
        {
            foreach (var value in values.EnumerateObject())
            {
                if (Text(value.Value) is { } v)
                {
                    parameters[value.Name] = v;
                }
            }
        }
    }

    private static JsonDocument? TryParseDocument(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonElement? Property(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (element.TryGetProperty(name, out var exact))
        {
            return exact;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }

    private static string? Text(JsonElement? element) => element switch
    {
        { ValueKind: JsonValueKind.String } s => s.GetString(),
        { ValueKind: JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False } v => v.GetRawText(),
        _ => null,
    };

    private static string? Text(JsonElement element) => Text((JsonElement?)element);
}
