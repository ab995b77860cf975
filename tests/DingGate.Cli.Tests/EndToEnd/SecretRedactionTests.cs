using System.Net.Http.Headers;
using System.Text;
using DingGate.Agent.Tests.Support;
using DingGate.Cli.Admin;
using DingGate.Cli.Tests.Support;
using DingGate.DingTalk.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace DingGate.Cli.Tests.EndToEnd;

/// <summary>
/// Issue 13 item 3: a model provider's error that quotes the configured API key (as OpenAI's "Incorrect API key
/// provided: sk-…" does) reaches no output: the console (the gateway's stdout and stderr, captured), the JSONL log,
/// the admin answers, the bot's message to the user (the emulator's record) and the state database (journal, outbox).
/// </summary>
public sealed class SecretRedactionTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public SecretRedactionTests() => Directory.CreateDirectory(_dir.Path);

    [Fact]
    public async Task ProviderErrorQuotingTheApiKey_SecretInNoSink()
    {
        var apiKey = "sk-test-SECRET123-" + Guid.NewGuid().ToString("N");
        await using var model = await FakeModelServer.StartAsync("/v1/chat/completions", (context, _) =>
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.ContentType = "application/json";
            var quoted = context.Request.Headers.Authorization.ToString();
            var error = new { error = new { message = $"Incorrect API key provided: {apiKey}. You sent the header '{quoted}'.", type = "invalid_request_error", code = "invalid_api_key" } };
            return context.Response.WriteAsync(System.Text.Json.JsonSerializer.Serialize(error));
        });
        await using var emu = await EmulatorUnderTest.StartAsync(demoApp: true);
        var state = Path.Combine(_dir.Path, "state");
        var file = Path.Combine(_dir.Path, "dinggate.json5");
        await File.WriteAllTextAsync(file, $$"""
            {
              gateway: { stateDir: "{{state}}", adminPort: 0 },
              models: { default: { provider: "openai", baseUrl: "{{new Uri(model.BaseAddress, "/v1")}}", model: "gpt-test", apiKey: "{{apiKey}}" } },
              channels: { dingtalk: {
                dmPolicy: "open", messageType: "markdown",
                clientId: "{{EmulatorUnderTest.DemoClientId}}", clientSecret: "{{EmulatorUnderTest.DemoClientSecret}}",
                endpoints: { api: "{{emu.BaseUrl}}", oapi: "{{emu.BaseUrl}}" },
              } },
            }
            """);

        await using var run = CliRun.Start("gateway", "--config", file);
        await TestWait.UntilAsync(() => run.Output.ToString().Contains("Press Ctrl+C to stop.", StringComparison.Ordinal) || run.Completion.IsCompleted, "the gateway banner");
        Assert.False(run.Completion.IsCompleted, "the gateway exited early: " + run.Error);
        await emu.WaitForNewConnectionAsync([]);
        await emu.SendDmAsync("你好");
        IReadOnlyList<RecordedCall> replies = [];
        await TestWait.UntilAsync(async () => (replies = await Wire.MessagesAsync(emu)).Count > 0, "the bot's answer");
        await TestWait.UntilAsync(() => run.Output.ToString().Contains("Incorrect API key provided", StringComparison.Ordinal), "the provider's error on the console");
        var admin = await AdminOutputsAsync(state);
        var traffic = (await emu.SendAsync(HttpMethod.Get, "/_emulator/traffic/http"))!.ToJsonString();
        Assert.Equal(0, await run.StopAsync());

        var console = run.Output + "\n" + run.Error;
        var logs = string.Join('\n', Directory.GetFiles(Path.Combine(state, "logs"), "*.jsonl").Select(File.ReadAllText));
        var database = string.Join('\n', Directory.GetFiles(state, "dinggate.db*").Select(f => Encoding.UTF8.GetString(File.ReadAllBytes(f))));
        Assert.Single(model.Requests); // the provider was called with the key, and answered 401 quoting it
        Assert.Contains("模型调用失败", Wire.WebhookText(replies[0].Body), StringComparison.Ordinal);
        Assert.Contains("Incorrect API key provided: ***", console, StringComparison.Ordinal);
        Assert.Contains("Incorrect API key provided: ***", logs, StringComparison.Ordinal);
        foreach (var (sink, text) in new[] { ("console", console), ("JSONL log", logs), ("admin API", admin), ("DingTalk traffic", traffic), ("state database", database) })
        {
            Assert.False(text.Contains(apiKey, StringComparison.Ordinal), $"the API key leaked to the {sink}");
            Assert.False(text.Contains("SECRET123", StringComparison.Ordinal), $"part of the API key leaked to the {sink}");
            Assert.False(text.Contains(EmulatorUnderTest.DemoClientSecret, StringComparison.Ordinal), $"the client secret leaked to the {sink}");
        }
    }

    public void Dispose() => _dir.Dispose();

    // Every admin answer, as text, read with the admin token the gateway wrote.
    private static async Task<string> AdminOutputsAsync(string state)
    {
        var url = AdminAnnouncement.ReadFrom(state)!.Url;
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await File.ReadAllTextAsync(Path.Combine(state, AdminToken.FileName))).Trim());
        var text = new StringBuilder();
        foreach (var path in new[] { "/status", "/readyz", "/healthz", "/metrics" })
        {
            text.AppendLine(await http.GetStringAsync(new Uri(url, path)));
        }

        return text.ToString();
    }
}
