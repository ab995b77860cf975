using DingGate.Chaos.Rig;

namespace DingGate.Chaos.Replicas;

/// <summary>
/// Writes one replica's <c>dinggate.json</c>: the chaos configuration (both apps on the emulator, the scripted model,
/// thinking reactions) with <c>storage.provider: postgres</c> on the shared database, the replica's own
/// <c>gateway.replicaId</c> and state directory, and <c>coordination.redis</c> when the run has a Redis server.
/// </summary>
internal static class ReplicaConfigFile
{
    public static string Write(string directory, string replicaId, Uri emulator, Uri model, string postgres, string? redis, bool markdownOnly)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "dinggate.json");
        var e = emulator.ToString().TrimEnd('/');
        var coordination = redis is null ? string.Empty : $"coordination: {{ redis: {Quote(redis)} }},";
        File.WriteAllText(path, $$"""
            {
              models: { default: { provider: "openai", baseUrl: "{{model.ToString().TrimEnd('/')}}/v1", model: "chaos-scripted", apiKey: "" } },
              agents: { default: { maxHistoryMessages: 400, maxHistoryChars: 200000 } },
              session: { queueDepth: 1000 },
              storage: { provider: "postgres", connectionString: {{Quote(postgres)}} },
              {{coordination}}
              gateway: { stateDir: "./state", adminPort: 0, logLevel: "information", replicaId: {{Quote(replicaId)}} },
              channels: { dingtalk: {
                endpoints: { api: "{{e}}", oapi: "{{e}}" },
                thinkingIndicator: "emotion", thinkingDelayMs: 0,
                quota: { monthlyCalls: 0 },
                initialReconnectDelay: 200, maxReconnectDelay: 2000, keepAliveInterval: 2000,
                accounts: {
                  markdown: { clientId: "{{ChaosApps.MarkdownClientId}}", clientSecret: "{{ChaosApps.MarkdownSecret}}", messageType: "markdown" },
                  card: { clientId: "{{ChaosApps.CardClientId}}", clientSecret: "{{ChaosApps.CardSecret}}", messageType: "{{(markdownOnly ? "markdown" : "card")}}" }
                } } }
            }
            """);
        return path;
    }

    private static string Quote(string value) => System.Text.Json.JsonSerializer.Serialize(value);
}
