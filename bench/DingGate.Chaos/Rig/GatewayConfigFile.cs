namespace DingGate.Chaos.Rig;

/// <summary>
/// Writes the gateway's <c>dinggate.json</c>: both apps pointed at the emulator, the scripted model as an
/// OpenAI-compatible provider, the thinking reaction on every message (delay 0), fast reconnects, state in the work dir.
/// </summary>
internal static class GatewayConfigFile
{
    public static string Write(string workDirectory, Uri emulator, Uri model)
    {
        var path = Path.Combine(workDirectory, "dinggate.json");
        var e = emulator.ToString().TrimEnd('/');
        File.WriteAllText(path, $$"""
            {
              models: { default: { provider: "openai", baseUrl: "{{model.ToString().TrimEnd('/')}}/v1", model: "chaos-scripted", apiKey: "" } },
              session: { queueDepth: 1000 },
              gateway: { stateDir: "./state", adminPort: 0, logLevel: "information" },
              channels: { dingtalk: {
                endpoints: { api: "{{e}}", oapi: "{{e}}" },
                thinkingIndicator: "emotion", thinkingDelayMs: 0,
                quota: { monthlyCalls: 0 },
                initialReconnectDelay: 200, maxReconnectDelay: 2000, keepAliveInterval: 2000,
                accounts: {
                  markdown: { clientId: "{{ChaosApps.MarkdownClientId}}", clientSecret: "{{ChaosApps.MarkdownSecret}}", messageType: "markdown" },
                  card: { clientId: "{{ChaosApps.CardClientId}}", clientSecret: "{{ChaosApps.CardSecret}}", messageType: "card" }
                } } }
            }
            """);
        return path;
    }
}
