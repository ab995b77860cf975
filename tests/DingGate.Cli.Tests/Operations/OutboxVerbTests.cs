using System.Text.Json.Nodes;
using DingGate.Cli.Tests.Support;
using DingGate.DingTalk.Tests.Support;

namespace DingGate.Cli.Tests.Operations;

// dinggate outbox list|retry|drop against the state database of a running gateway (in-process, on the emulator's fake clock).
public sealed class OutboxVerbTests
{
    private const string WebhookPath = "/robot/sendBySession";
    private const string OtoPath = "/v1.0/robot/oToMessages/batchSend";

    [Fact]
    public async Task WebhookAndOpenApiBothFailing_OutboxListShowsTheAnswer_ThenItArrivesOnce()
    {
        await using var emu = await EmulatorUnderTest.StartAsync();
        using var state = new TempDirectory();
        var config = WriteConfig(state.Path);
        var model = new ScriptedChatClient { Script = call => ScriptedChatClient.Steps(call.Token, "迟到但只到一次") };
        await using var gateway = await GatewayUnderTest.StartAsync(emu, state.Path, model, s => { s.MessageType = "markdown"; s.ThinkingIndicator = "off"; });
        await emu.SendAsync(HttpMethod.Post, "/_emulator/faults", new { path = WebhookPath, kind = "Status", status = 503, count = 2 });
        await emu.SendAsync(HttpMethod.Post, "/_emulator/faults", new { path = OtoPath, kind = "Status", status = 503, count = 2 });

        await emu.SendDmAsync("问题");
        JsonArray listed = [];
        await TestWait.UntilAsync(() =>
        {
            listed = ListJson(config);
            return listed.Count == 1 && (string?)listed[0]!["state"] == "pending";
        }, "outbox list shows the undelivered answer");
        var (code, table, _) = await CliRun.RunAsync("outbox", "list", "--config", config);

        Assert.Equal(0, code);
        Assert.Matches(@"(?m)^\d+\s+pending\s+0/1\s+1\s", table);
        Assert.Contains("503", table, StringComparison.Ordinal);
        Assert.Equal("迟到但只到一次", (string?)listed[0]!["text"]);
        Assert.Equal("retry", (string?)listed[0]!["history"]![0]!["outcome"]);
        await AdvanceUntilAsync(emu, () => ListJson(config).Count == 0);
        var accepted = (await emu.CallsAsync(WebhookPath)).Concat(await emu.CallsAsync(OtoPath))
            .Where(c => c.Status == 200 && c.RequestBody.Contains("迟到但只到一次", StringComparison.Ordinal)).ToList();
        Assert.Single(accepted);
        Assert.Single(model.Calls);
        var all = JsonNode.Parse((await CliRun.RunAsync("outbox", "list", "--config", config, "--json", "--all")).Output)!.AsArray();
        Assert.Equal("delivered", (string?)Assert.Single(all)!["state"]);
    }

    [Fact]
    public async Task PermanentError_ListedFailedWithTheReason_RetryReSendsIt_DropRefusesDelivered()
    {
        await using var emu = await EmulatorUnderTest.StartAsync();
        using var state = new TempDirectory();
        var config = WriteConfig(state.Path);
        var model = new ScriptedChatClient { Script = call => ScriptedChatClient.Steps(call.Token, "第二次才到") };
        await using var gateway = await GatewayUnderTest.StartAsync(emu, state.Path, model, s => { s.MessageType = "markdown"; s.ThinkingIndicator = "off"; });
        await emu.SendAsync(HttpMethod.Post, "/_emulator/faults", new { path = WebhookPath, kind = "Status", status = 400, count = 1 });
        await emu.SendAsync(HttpMethod.Post, "/_emulator/faults", new { path = OtoPath, kind = "Status", status = 400, count = 1 });

        await emu.SendDmAsync("问题");
        JsonArray listed = [];
        await TestWait.UntilAsync(() =>
        {
            listed = ListJson(config);
            return listed.Count == 1 && (string?)listed[0]!["state"] == "failed";
        }, "outbox list shows the failed answer");
        var id = (long)listed[0]!["id"]!;
        Assert.Contains("HTTP 400", (string?)listed[0]!["lastError"], StringComparison.Ordinal);

        var retry = await CliRun.RunAsync("outbox", "retry", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--config", config);
        Assert.Equal(0, retry.ExitCode);
        await AdvanceUntilAsync(emu, () => ListJson(config).Count == 0);

        var accepted = (await emu.CallsAsync(WebhookPath)).Concat(await emu.CallsAsync(OtoPath))
            .Where(c => c.Status == 200 && c.RequestBody.Contains("第二次才到", StringComparison.Ordinal)).ToList();
        Assert.Single(accepted);
        var drop = await CliRun.RunAsync("outbox", "drop", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--config", config);
        Assert.Equal(1, drop.ExitCode);
        Assert.Contains("already delivered", drop.Error, StringComparison.Ordinal);
        var unknown = await CliRun.RunAsync("outbox", "retry", "999", "--config", config);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("no reply outbox entry 999", unknown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerQuotingTheClientSecret_OutboxListPrintsItMaskedInTableAndJson()
    {
        await using var emu = await EmulatorUnderTest.StartAsync();
        using var state = new TempDirectory();
        var config = WriteConfig(state.Path);
        var model = new ScriptedChatClient { Script = call => ScriptedChatClient.Steps(call.Token, "密钥是 " + EmulatorUnderTest.ClientSecret) };
        await using var gateway = await GatewayUnderTest.StartAsync(emu, state.Path, model, s => { s.MessageType = "markdown"; s.ThinkingIndicator = "off"; });
        await emu.SendAsync(HttpMethod.Post, "/_emulator/faults", new { path = WebhookPath, kind = "Status", status = 400, count = 1 });
        await emu.SendAsync(HttpMethod.Post, "/_emulator/faults", new { path = OtoPath, kind = "Status", status = 400, count = 1 });

        await emu.SendDmAsync("问题");
        await TestWait.UntilAsync(() => ListJson(config) is [{ } e] && (string?)e["state"] == "failed", "outbox list shows the failed answer");
        var json = await CliRun.RunAsync("outbox", "list", "--config", config, "--json");
        var table = await CliRun.RunAsync("outbox", "list", "--config", config);

        Assert.Equal((0, 0), (json.ExitCode, table.ExitCode));
        Assert.DoesNotContain(EmulatorUnderTest.ClientSecret, json.Output + json.Error + table.Output + table.Error, StringComparison.Ordinal);
        Assert.Equal("密钥是 ***", (string?)JsonNode.Parse(json.Output)![0]!["text"]);
    }

    private static string WriteConfig(string stateDirectory)
    {
        var dir = Path.Combine(stateDirectory, "cli");
        Directory.CreateDirectory(dir);
        var config = Path.Combine(dir, "dinggate.json");
        File.WriteAllText(config, $$"""
            { channels: { dingtalk: { clientId: "{{EmulatorUnderTest.ClientId}}", clientSecret: "{{EmulatorUnderTest.ClientSecret}}" } },
              gateway: { stateDir: {{System.Text.Json.JsonSerializer.Serialize(stateDirectory)}} } }
            """);
        return config;
    }

    private static JsonArray ListJson(string config)
    {
        var (code, output, error) = CliRun.RunAsync("outbox", "list", "--config", config, "--json").GetAwaiter().GetResult();
        Assert.True(code == 0, error);
        return JsonNode.Parse(output)!.AsArray();
    }

    // The gateway's outbox worker sleeps on the emulator's fake clock: move it until `done`.
    private static async Task AdvanceUntilAsync(EmulatorUnderTest emu, Func<bool> done)
    {
        for (var step = 0; step < 600; step++)
        {
            if (done())
            {
                return;
            }

            emu.Time!.Advance(TimeSpan.FromSeconds(2));
            await Task.Delay(20);
        }

        Assert.Fail("the outbox did not deliver the answer");
    }
}
