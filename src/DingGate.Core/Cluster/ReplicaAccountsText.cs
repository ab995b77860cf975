using System.Text.Json;
using System.Text.Json.Nodes;

namespace DingGate.Core.Cluster;

/// <summary>
/// The text form of a replica's accounts in its heartbeat row (one column on every provider):
/// <c>[{"id":"main","link":"connected"}]</c>.
/// </summary>
public static class ReplicaAccountsText
{
    /// <summary>The accounts as a JSON array.</summary>
    public static string Write(IReadOnlyList<ReplicaAccount> accounts)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        var array = new JsonArray();
        foreach (var account in accounts)
        {
            array.Add(new JsonObject { ["id"] = account.Id, ["link"] = account.Link });
        }

        return array.ToJsonString();
    }

    /// <summary>The accounts of <paramref name="text"/>; entries that are not objects with an id are skipped.</summary>
    public static IReadOnlyList<ReplicaAccount> Read(string text)
    {
        try
        {
            return JsonNode.Parse(text) is JsonArray array
                ? [.. array.OfType<JsonObject>()
                    .Where(o => o["id"] is JsonValue)
                    .Select(o => new ReplicaAccount(o["id"]!.GetValue<string>(), o["link"] is JsonValue link ? link.GetValue<string>() : "unknown"))]
                : [];
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            // A row written by a newer or broken build: shown without accounts rather than failing /status.
            return [];
        }
    }
}
