using System.Text.Json.Nodes;

namespace DingGate.Cli.Gateway.Reload;

/// <summary>
/// The paths that differ between two config files as written (parsed JSON5, before <c>${…}</c> references are
/// resolved): objects key by key, an array or a value as a whole. Only paths, never values, so it may be logged.
/// <see cref="NeedsRestart"/> says which of them the running gateway cannot apply (docs/configuration.md, "Reload").
/// </summary>
internal static class ConfigDiff
{
    // Read once at start (composition, listeners, stores, sessions, MCP processes, built-in tools, the log filter).
    private static readonly string[] RestartSections = ["storage", "coordination", "attachments"];
    private static readonly string[] RestartGatewayKeys = ["stateDir", "logDir", "logLevel", "adminPort", "admin"];
    private static readonly string[] RestartAccountKeys = ["debug", "quota", "ipRateLimit"];

    /// <summary>The changed paths, sorted (an added or removed key is a changed path; an added or removed object, its keys).</summary>
    public static IReadOnlyList<string> Between(JsonNode? before, JsonNode? after)
    {
        var changed = new List<string>();
        Walk(before, after, string.Empty, changed);
        changed.Sort(StringComparer.Ordinal);
        return changed;
    }

    /// <summary>
    /// True when a change at <paramref name="path"/> takes effect only after a restart: <c>storage</c>, <c>coordination</c>, <c>session</c> (but <c>session.scope</c>),
    /// <c>mcp</c> (but <c>mcp.servers.&lt;n&gt;.ownerOnly</c>), <c>attachments</c>, <c>agents.maxConcurrentTurns</c>, <c>tools</c> (but <c>tools.ownerOnly</c>),
    /// <c>gateway</c> (but <c>gateway.reload</c>), and the DingTalk <c>debug</c>, <c>quota</c> and <c>ipRateLimit</c> keys.
    /// </summary>
    public static bool NeedsRestart(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var parts = path.Split('.');
        var section = parts[0];
        if (RestartSections.Contains(section))
        {
            return true;
        }

        return section switch
        {
            // session.scope is read per message (SessionKeys); the queue depth sizes the session queue at start.
            "session" => parts.Length == 1 || parts[1] != "scope",
            "agents" => parts.Length == 1 || parts[1] == "maxConcurrentTurns",
            "mcp" => !(parts.Length == 4 && parts[1] == "servers" && parts[3] == "ownerOnly"),
            "tools" => parts.Length == 1 || parts[1] != "ownerOnly",
            "gateway" => parts.Length == 1 || RestartGatewayKeys.Contains(parts[1]),
            "channels" => parts.Skip(2).Any(p => RestartAccountKeys.Contains(StripIndex(p))),
            _ => false,
        };
    }

    private static string StripIndex(string key) => key.Split('[')[0];

    private static void Walk(JsonNode? before, JsonNode? after, string path, List<string> changed)
    {
        if (before is JsonObject a && after is JsonObject b)
        {
            foreach (var key in a.Select(p => p.Key).Union(b.Select(p => p.Key), StringComparer.Ordinal))
            {
                var child = path.Length == 0 ? key : path + "." + key;
                var hasA = a.TryGetPropertyValue(key, out var valueA);
                var hasB = b.TryGetPropertyValue(key, out var valueB);
                if (hasA == hasB)
                {
                    Walk(valueA, valueB, child, changed);
                }
                else if ((valueA ?? valueB) is JsonObject)
                {
                    // An object added or removed: each of its keys is a change (so the restart check sees them).
                    Walk(valueA ?? new JsonObject(), valueB ?? new JsonObject(), child, changed);
                }
                else
                {
                    changed.Add(child);
                }
            }

            return;
        }

        if (!JsonNode.DeepEquals(before, after))
        {
            changed.Add(path.Length == 0 ? "(root)" : path);
        }
    }
}
