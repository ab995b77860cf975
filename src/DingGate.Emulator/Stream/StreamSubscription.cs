using System.Text.Json.Nodes;

namespace DingGate.Emulator.Stream;

/// <summary>One <c>{type, topic}</c> entry of a registration (spec §1.2). SYSTEM entries are accepted and dropped.</summary>
internal sealed record StreamSubscription(string Type, string Topic)
{
    public const string Event = "EVENT";
    public const string Callback = "CALLBACK";
    public const string System = "SYSTEM";

    /// <summary>Whether a push of <paramref name="type"/> on <paramref name="topic"/> is covered by this entry.</summary>
    public bool Covers(string type, string topic) =>
        string.Equals(Type, type, StringComparison.Ordinal) &&
        (string.Equals(Topic, topic, StringComparison.Ordinal) || (type == Event && Topic == "*"));

    /// <summary>
    /// Validates the <c>subscriptions</c> node: a non-empty array of objects with string <c>type</c> (EVENT, CALLBACK or
    /// SYSTEM) and non-empty string <c>topic</c>. Returns the EVENT/CALLBACK entries, or an error text.
    /// </summary>
    public static (IReadOnlyList<StreamSubscription>? Subscriptions, string? Error) Parse(JsonNode? node)
    {
        if (node is not JsonArray array || array.Count == 0)
        {
            return (null, "subscriptions is mandatory: a non-empty array of {type, topic}");
        }

        var result = new List<StreamSubscription>();
        for (var i = 0; i < array.Count; i++)
        {
            var type = Text(array[i], "type");
            var topic = Text(array[i], "topic");
            if (type is not (Event or Callback or System))
            {
                return (null, $"subscriptions[{i}].type must be EVENT or CALLBACK");
            }

            if (string.IsNullOrWhiteSpace(topic))
            {
                return (null, $"subscriptions[{i}].topic is mandatory");
            }

            if (type != System && !result.Contains(new StreamSubscription(type, topic)))
            {
                result.Add(new StreamSubscription(type, topic));
            }
        }

        return (result, null);
    }

    private static string? Text(JsonNode? item, string name) =>
        item is JsonObject obj && obj[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
