using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DingGate.Agent.Providers;
using DingGate.Agent.Scheduling;
using DingGate.Agent.Tools;
using DingGate.Cli.Tests.Support;
using DingGate.Core.Configuration;
using DingGate.Core.Inbound;
using DingGate.Core.Scheduling;
using DingGate.Core.Sessions;
using DingGate.DingTalk.Tests.Support;
using DingGate.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DingGate.Cli.Tests.EndToEnd;

/// <summary>
/// Scheduled jobs end to end: created through the schedule tool of a running gateway, fired on the emulator's fake
/// clock, asserted on the proactive sends the emulator recorded (exactly one per occurrence, across restarts and kills),
/// and listed by /jobs in chat and by dinggate jobs list.
/// </summary>
public sealed partial class ScheduledJobTests
{
    private const string OtoPath = "/v1.0/robot/oToMessages/batchSend";
    private const string WebhookPath = "/robot/sendBySession";

    [Fact]
    public async Task InTwoMinutes_FiresExactlyOnce_AlsoWhenTheGatewayRestartsInBetween_AndJobsListAndSlashJobsShowIt()
    {
        await using var emu = await EmulatorUnderTest.StartAsync();
        using var state = new TempDirectory();
        var config = WriteConfig(state.Path);
        var first = await StartAsync(emu, state.Path);
        var id = await CreateAsync(first, text: "该喝水了", delayMinutes: 2);

        await emu.SendDmAsync("/jobs");
        await TestWait.UntilAsync(async () => (await TextsAsync(emu, WebhookPath)).Any(t => t.Contains(id, StringComparison.Ordinal)), "/jobs lists the job");
        var slashJobs = (await TextsAsync(emu, WebhookPath)).Single(t => t.Contains(id, StringComparison.Ordinal));
        var listed = await ListJsonAsync(config);
        emu.Time!.Advance(TimeSpan.FromMinutes(1));
        await first.StopAsync();
        await emu.WaitForConnectionGoneAsync(first.ConnectionId);

        await using var second = await StartAsync(emu, state.Path);
        await AdvanceUntilAsync(emu, async () => (await ProactiveAsync(emu, "该喝水了")).Count == 1, "the job fired");
        var firedAt = emu.Time.GetUtcNow();
        // A later job as a barrier: once it fired, the scheduler went past the first job's occurrence again.
        await CreateAsync(second, text: "第二个提醒", delayMinutes: 3);
        await AdvanceUntilAsync(emu, async () => (await ProactiveAsync(emu, "第二个提醒")).Count == 1, "the barrier job fired");

        Assert.Contains("该喝水了", slashJobs, StringComparison.Ordinal);
        Assert.Contains("16:02", slashJobs, StringComparison.Ordinal);
        var job = Assert.Single(listed);
        Assert.Equal((id, "active", "message", "user:user001"), ((string?)job!["id"], (string?)job["state"], (string?)job["kind"], (string?)job["target"]));
        Assert.Equal(EmulatorUnderTest.Start.AddMinutes(2), job["nextOccurrence"]!.GetValue<DateTimeOffset>());
        Assert.InRange(firedAt, EmulatorUnderTest.Start.AddMinutes(2), EmulatorUnderTest.Start.AddMinutes(2.5));
        var sent = Assert.Single(await ProactiveAsync(emu, "该喝水了"));
        Assert.Equal(["user001"], JsonNode.Parse(sent.RequestBody)!["userIds"]!.AsArray().Select(u => (string?)u));
        Assert.DoesNotContain("补发", sent.RequestBody, StringComparison.Ordinal);
        var after = (await ListJsonAsync(config)).Single(j => (string?)j!["id"] == id)!;
        Assert.Equal("completed", (string?)after["state"]);
        Assert.Equal("sent", (string?)Assert.Single(after["occurrences"]!.AsArray())!["state"]);
        var table = await CliRun.RunAsync("jobs", "list", "--config", config);
        Assert.Equal(0, table.ExitCode);
        Assert.Matches($@"(?m)^{id}\s+completed\s+message\s+user:user001\s", table.Output);
    }

    // The acceptance path end to end: the model (the real openai provider against a real OpenAI-compatible server)
    // calls the schedule tool, the job fires once on the fake clock across a restart, /jobs and jobs list show it.
    [Fact]
    public async Task ModelSchedulesInTwoMinutes_OverTheRealOpenAiWire_FiresOnceAcrossARestart()
    {
        await using var emu = await EmulatorUnderTest.StartAsync();
        await using var server = await ScriptedOpenAiServer.StartAsync();
        server.Script = request => request.LastMessageIsToolResult
            ? ScriptedModelReply.Text("好的。", request.ToolResults[^1].Content)
            : ScriptedModelReply.Call("schedule", """{"action":"create","text":"该喝水了","delayMinutes":2}""");
        using var state = new TempDirectory();
        var config = WriteConfig(state.Path);
        var first = await StartWithModelServerAsync(emu, state.Path, server);

        await emu.SendDmAsync("两分钟后提醒我喝水");
        await TestWait.UntilAsync(async () => (await TextsAsync(emu, WebhookPath)).Count == 1, "the model's answer");
        var answer = (await TextsAsync(emu, WebhookPath))[0];
        var id = AnswerJobId().Match(answer) is { Success: true } m ? m.Groups[1].Value : throw new Xunit.Sdk.XunitException("no job in the answer: " + answer);
        await emu.SendDmAsync("/jobs");
        await TestWait.UntilAsync(async () => (await TextsAsync(emu, WebhookPath)).Count == 2, "/jobs answered");
        var slashJobs = (await TextsAsync(emu, WebhookPath))[1];
        var listed = await ListJsonAsync(config);
        emu.Time!.Advance(TimeSpan.FromMinutes(1));
        await first.StopAsync();
        await emu.WaitForConnectionGoneAsync(first.ConnectionId);

        await using var second = await StartWithModelServerAsync(emu, state.Path, server);
        await AdvanceUntilAsync(emu, async () => (await ProactiveAsync(emu, "该喝水了")).Count == 1, "the job fired");
        var store = second.Services.GetRequiredService<IScheduledJobStore>();
        await TestWait.UntilAsync(
            async () => (await store.ListOccurrencesAsync(id, 1, CancellationToken.None)) is [{ State: OccurrenceState.Sent }], "the send recorded");
        var firedAt = emu.Time.GetUtcNow();
        for (var i = 0; i < 30; i++)
        {
            emu.Time.Advance(TimeSpan.FromSeconds(20));
            await Task.Delay(10);
        }

        Assert.StartsWith("好的。Scheduled job " + id + ": once at 2026-11-26 16:02 (Asia/Shanghai), to user:user001.", answer, StringComparison.Ordinal);
        Assert.Equal(["schedule"], server.Requests[0].ToolNames);
        Assert.Contains("`" + id + "`", slashJobs, StringComparison.Ordinal);
        Assert.Contains("该喝水了", slashJobs, StringComparison.Ordinal);
        Assert.Equal(id, (string?)Assert.Single(listed)!["id"]);
        Assert.InRange(firedAt, EmulatorUnderTest.Start.AddMinutes(2), EmulatorUnderTest.Start.AddMinutes(2.5));
        Assert.Single(await ProactiveAsync(emu, "该喝水了"));
        Assert.Single(await store.ListOccurrencesAsync(id, 10, CancellationToken.None));
    }

    [Fact]
    public async Task Recurring_FiresAtEachOccurrence_OnceEach()
    {
        await using var emu = await EmulatorUnderTest.StartAsync();
        using var state = new TempDirectory();
        await using var gateway = await StartAsync(emu, state.Path);
        var id = await CreateAsync(gateway, text: "站会时间", cron: "*/5 * * * *");

        await AdvanceUntilAsync(emu, async () => (await ProactiveAsync(emu, "站会时间")).Count == 3, "three occurrences");
        var now = emu.Time!.GetUtcNow();

        // 16:00 Asia/Shanghai start: 16:05, 16:10, 16:15; the next (16:20) is not due yet.
        Assert.InRange(now, EmulatorUnderTest.Start.AddMinutes(15), EmulatorUnderTest.Start.AddMinutes(16));
        Assert.Equal(3, (await ProactiveAsync(emu, "站会时间")).Count);
        var store = gateway.Services.GetRequiredService<IScheduledJobStore>();
        await TestWait.UntilAsync(
            async () => (await store.ListOccurrencesAsync(id, 1, CancellationToken.None)) is [{ State: OccurrenceState.Sent }], "the send recorded");
        var occurrences = await store.ListOccurrencesAsync(id, 10, CancellationToken.None);
        Assert.Equal(
            [EmulatorUnderTest.Start.AddMinutes(15), EmulatorUnderTest.Start.AddMinutes(10), EmulatorUnderTest.Start.AddMinutes(5)],
            occurrences.Select(o => o.DueAt));
        Assert.All(occurrences, o => Assert.Equal(OccurrenceState.Sent, o.State));
        Assert.Equal(EmulatorUnderTest.Start.AddMinutes(20), (await store.FindAsync(id, CancellationToken.None))!.NextOccurrence);
    }

    [Fact]
    public async Task AgentJob_KilledBetweenClaimAndSend_TheNextStartSendsTheAnswerOnce()
    {
        await using var emu = await EmulatorUnderTest.StartAsync();
        using var state = new TempDirectory();
        var hanging = new ScriptedChatClient { Script = call => ScriptedChatClient.Steps(call.Token, "写到一半", new TaskCompletionSource().Task) };
        var first = await StartAsync(emu, state.Path, hanging);
        var id = await CreateAsync(first, prompt: "总结本周工作", delayMinutes: 2);
        await AdvanceUntilAsync(emu, () => Task.FromResult(hanging.Calls.Count == 1), "the job's agent turn started");
        var claimed = await first.Services.GetRequiredService<IScheduledJobStore>().ListOccurrencesAsync(id, 10, CancellationToken.None);
        await first.KillAsync();
        await emu.WaitForConnectionGoneAsync(first.ConnectionId);

        var answering = new ScriptedChatClient { Script = call => ScriptedChatClient.Steps(call.Token, "周报：" + call.UserText) };
        await using (var second = await StartAsync(emu, state.Path, answering))
        {
            await TestWait.UntilAsync(async () => (await ProactiveAsync(emu, "周报：总结本周工作")).Count == 1, "the claimed occurrence delivered");
            await CreateAsync(second, text: "屏障", delayMinutes: 1);
            await AdvanceUntilAsync(emu, async () => (await ProactiveAsync(emu, "屏障")).Count == 1, "the barrier job fired");
        }

        Assert.Equal(OccurrenceState.Claimed, Assert.Single(claimed).State);
        Assert.Single(await ProactiveAsync(emu, "周报：总结本周工作"));
        Assert.Empty(await ProactiveAsync(emu, "写到一半"));
        Assert.Equal(["总结本周工作"], answering.Calls.Select(c => c.UserText));
    }

    [Fact]
    public async Task KilledWhileTheSendIsInFlight_FlaggedAmbiguous_NeverSentAgain()
    {
        await using var emu = await EmulatorUnderTest.StartAsync();
        using var state = new TempDirectory();
        var config = WriteConfig(state.Path);
        var first = await StartAsync(emu, state.Path);
        var id = await CreateAsync(first, text: "会议提醒", delayMinutes: 2);
        await emu.SendAsync(HttpMethod.Post, "/_emulator/faults", new { path = OtoPath, kind = "Latency", delayMs = 3_600_000, count = 1 });
        var store = first.Services.GetRequiredService<IScheduledJobStore>();
        await AdvanceUntilAsync(
            emu, async () => (await store.ListOccurrencesAsync(id, 1, CancellationToken.None)) is [{ State: OccurrenceState.Sending }], "the send in flight");
        await first.KillAsync();
        await emu.WaitForConnectionGoneAsync(first.ConnectionId);

        await using (var second = await StartAsync(emu, state.Path))
        {
            await CreateAsync(second, text: "屏障", delayMinutes: 1);
            await AdvanceUntilAsync(emu, async () => (await ProactiveAsync(emu, "屏障")).Count == 1, "the barrier job fired");
        }

        // DingTalk may have got the one send that was cut (the emulator served it late or not at all): never a second.
        Assert.InRange((await ProactiveAsync(emu, "会议提醒")).Count, 0, 1);
        var listed = (await ListJsonAsync(config)).Single(j => (string?)j!["id"] == id)!;
        var occurrence = Assert.Single(listed["occurrences"]!.AsArray())!;
        Assert.True((string?)occurrence["state"] == "ambiguous", occurrence.ToJsonString() + string.Join("\n", (await emu.CallsAsync(OtoPath)).Select(c => c.Status + " " + c.RequestBody)));
        Assert.Contains("may or may not", (string?)occurrence["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissedWhileDown_DeliveredOnceLateWithANote()
    {
        await using var emu = await EmulatorUnderTest.StartAsync();
        using var state = new TempDirectory();
        var first = await StartAsync(emu, state.Path);
        await CreateAsync(first, text: "交日报", delayMinutes: 2);
        await first.StopAsync();
        await emu.WaitForConnectionGoneAsync(first.ConnectionId);
        emu.Time!.Advance(TimeSpan.FromMinutes(30));

        await using var second = await StartAsync(emu, state.Path);
        await TestWait.UntilAsync(async () => (await ProactiveAsync(emu, "交日报")).Count == 1, "the missed job delivered late");
        await CreateAsync(second, text: "屏障", delayMinutes: 1);
        await AdvanceUntilAsync(emu, async () => (await ProactiveAsync(emu, "屏障")).Count == 1, "the barrier job fired");

        var sent = Assert.Single(await ProactiveAsync(emu, "交日报"));
        Assert.Contains("（补发：原定 16:02）", sent.RequestBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissedWhileDown_WithMissedSkip_RecurringJobSkipsToItsNextOccurrence_NoBurst()
    {
        await using var emu = await EmulatorUnderTest.StartAsync();
        using var state = new TempDirectory();
        var first = await StartAsync(emu, state.Path, skip: true);
        var id = await CreateAsync(first, text: "巡检", cron: "*/5 * * * *");
        await first.StopAsync();
        await emu.WaitForConnectionGoneAsync(first.ConnectionId);
        emu.Time!.Advance(TimeSpan.FromMinutes(12)); // 16:05 and 16:10 missed

        await using var second = await StartAsync(emu, state.Path, skip: true);
        await AdvanceUntilAsync(emu, async () => (await ProactiveAsync(emu, "巡检")).Count == 1, "the next occurrence fired");
        var store = second.Services.GetRequiredService<IScheduledJobStore>();
        await TestWait.UntilAsync(
            async () => (await store.ListOccurrencesAsync(id, 1, CancellationToken.None)) is [{ State: OccurrenceState.Sent }], "the send recorded");
        var occurrences = await store.ListOccurrencesAsync(id, 10, CancellationToken.None);

        Assert.InRange(emu.Time.GetUtcNow(), EmulatorUnderTest.Start.AddMinutes(15), EmulatorUnderTest.Start.AddMinutes(16));
        Assert.DoesNotContain("补发", Assert.Single(await ProactiveAsync(emu, "巡检")).RequestBody, StringComparison.Ordinal);
        Assert.Equal(
            [(EmulatorUnderTest.Start.AddMinutes(15), OccurrenceState.Sent), (EmulatorUnderTest.Start.AddMinutes(5), OccurrenceState.Skipped)],
            occurrences.Select(o => (o.DueAt, o.State)));
    }

    [Fact]
    public async Task Removed_ByTheCliOrSlashJobsRemove_NeverFires_AndOthersCannotRemoveIt()
    {
        await using var emu = await EmulatorUnderTest.StartAsync();
        using var state = new TempDirectory();
        var config = WriteConfig(state.Path);
        await using var gateway = await StartAsync(emu, state.Path);
        var byCli = await CreateAsync(gateway, text: "不会发出一", delayMinutes: 2);
        var byChat = await CreateAsync(gateway, text: "不会发出二", delayMinutes: 2);

        var removed = await CliRun.RunAsync("jobs", "remove", byCli, "--config", config);
        var again = await CliRun.RunAsync("jobs", "remove", byCli, "--config", config);
        await emu.SendDmAsync("/jobs remove " + byChat, from: "user002");
        await TestWait.UntilAsync(async () => (await TextsAsync(emu, WebhookPath)).Count == 1, "the refusal");
        await emu.SendDmAsync("/jobs remove " + byChat);
        await TestWait.UntilAsync(async () => (await TextsAsync(emu, WebhookPath)).Count == 2, "the removal");
        await CreateAsync(gateway, text: "屏障", delayMinutes: 3);
        await AdvanceUntilAsync(emu, async () => (await ProactiveAsync(emu, "屏障")).Count == 1, "the barrier job fired");

        Assert.Equal((0, 1), (removed.ExitCode, again.ExitCode));
        Assert.Contains("no scheduled job " + byCli, again.Error, StringComparison.Ordinal);
        var texts = await TextsAsync(emu, WebhookPath);
        Assert.Contains("不是你创建的", texts[0], StringComparison.Ordinal);
        Assert.Contains("已删除定时任务", texts[1], StringComparison.Ordinal);
        Assert.Empty(await ProactiveAsync(emu, "不会发出"));
    }

    [Fact]
    public async Task SendRefused_RetriedWithBackoff_ThenRecordedFailed_AndATransientFailureIsDeliveredOnce()
    {
        await using var emu = await EmulatorUnderTest.StartAsync();
        using var state = new TempDirectory();
        await using var gateway = await StartAsync(emu, state.Path);
        var store = gateway.Services.GetRequiredService<IScheduledJobStore>();
        await emu.SendAsync(HttpMethod.Post, "/_emulator/faults", new { path = OtoPath, kind = "Status", status = 400, count = 1000 });
        var refused = await CreateAsync(gateway, text: "总是被拒", delayMinutes: 1);

        await AdvanceUntilAsync(
            emu, async () => (await store.ListOccurrencesAsync(refused, 1, CancellationToken.None)) is [{ State: OccurrenceState.Failed }], "the occurrence failed");
        var failed = Assert.Single(await store.ListOccurrencesAsync(refused, 1, CancellationToken.None));
        var failedAt = emu.Time!.GetUtcNow();
        await emu.SendAsync(HttpMethod.Delete, "/_emulator/faults");
        await emu.SendAsync(HttpMethod.Post, "/_emulator/faults", new { path = OtoPath, kind = "Status", status = 400, count = 1 });
        var flaky = await CreateAsync(gateway, text: "第二次成功", delayMinutes: 1);
        await AdvanceUntilAsync(
            emu, async () => (await store.ListOccurrencesAsync(flaky, 1, CancellationToken.None)) is [{ State: OccurrenceState.Sent }], "the retry delivered");

        Assert.Equal(4, failed.Attempts);
        Assert.StartsWith("Cannot send to user:user001: DingTalk ref", failed.Detail, StringComparison.Ordinal);
        // Backoff 10 s, 40 s, 160 s after the first attempt at +1 min.
        Assert.True(failedAt >= EmulatorUnderTest.Start.AddMinutes(1).AddSeconds(210), $"failed at {failedAt:o}");
        Assert.Empty(await ProactiveAsync(emu, "总是被拒"));
        Assert.Single(await ProactiveAsync(emu, "第二次成功"));
        Assert.Equal(2, Assert.Single(await store.ListOccurrencesAsync(flaky, 1, CancellationToken.None)).Attempts);
    }

    private static Task<GatewayUnderTest> StartAsync(EmulatorUnderTest emu, string state, ScriptedChatClient? model = null, bool skip = false) =>
        GatewayUnderTest.StartAsync(
            emu,
            state,
            model ?? new ScriptedChatClient(),
            s => { s.MessageType = "markdown"; s.ThinkingIndicator = "off"; },
            configureConfig: skip ? c => c.Tools.Schedule.Missed = "skip" : null);

    private static Task<GatewayUnderTest> StartWithModelServerAsync(EmulatorUnderTest emu, string state, ScriptedOpenAiServer server) =>
        GatewayUnderTest.StartAsync(
            emu,
            state,
            new ScriptedChatClient(),
            s => { s.MessageType = "markdown"; s.ThinkingIndicator = "off"; },
            configureConfig: c =>
            {
                c.Models["default"].BaseUrl = server.BaseUrl;
                c.Agents["default"] = new AgentSettings { Tools = { Allow = { "schedule" } } };
            },
            services: s =>
            {
                s.RemoveAll<IChatClientProvider>();
                s.AddSingleton<IChatClientProvider, ConfiguredChatClientProvider>();
            });

    // The schedule tool of the running gateway, called as in a turn of user001's DM.
    internal static async Task<string> CreateAsync(GatewayUnderTest gateway, string? text = null, string? prompt = null, int? delayMinutes = null, string? cron = null)
    {
        var tool = gateway.Services.GetServices<IBuiltinTool>().OfType<ScheduleTool>().Single();
        var message = new InboundMessage
        {
            AccountId = DingTalkChannelSettings.DefaultAccountId,
            MessageId = "msg-" + Guid.NewGuid().ToString("N"),
            ConversationId = "cidDm",
            Conversation = ConversationKind.Direct,
            Sender = new InboundSender("sender-user001", "user001", "张三", null, false),
            Kind = InboundContentKind.Text,
            Text = "提醒我",
            CreatedAt = DateTimeOffset.UnixEpoch,
        };
        var turn = new ToolTurnContext(message, new SessionKey(message.AccountId, "dm:user001"), new CollectingReplySink(), "default", SenderIsOwner: false);
        var result = await tool.CreateAsync(turn, text, prompt, at: null, delayMinutes, cron, timeZone: null, target: null, CancellationToken.None);
        return JobId().Match(result) is { Success: true } m ? m.Groups[1].Value : throw new Xunit.Sdk.XunitException("not scheduled: " + result);
    }

    // Proactive (OpenAPI 1:1) sends DingTalk accepted whose body carries `text`.
    internal static async Task<IReadOnlyList<RecordedCall>> ProactiveAsync(EmulatorUnderTest emu, string text) =>
        [.. (await emu.CallsAsync(OtoPath)).Where(c => c.Status == 200 && c.RequestBody.Contains(text, StringComparison.Ordinal))];

    private static async Task<IReadOnlyList<string>> TextsAsync(EmulatorUnderTest emu, string route) =>
        [.. (await emu.CallsAsync(route)).Where(c => c.Status == 200).Select(c => Wire.WebhookText(c.Body))];

    // The scheduler sleeps on the emulator's fake clock: move it in small steps until `done`.
    private static async Task AdvanceUntilAsync(EmulatorUnderTest emu, Func<Task<bool>> done, string what)
    {
        for (var step = 0; step < 400; step++)
        {
            if (await done())
            {
                return;
            }

            emu.Time!.Advance(TimeSpan.FromSeconds(10));
            await Task.Delay(20);
        }

        Assert.Fail("timed out waiting for " + what);
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

    private static async Task<JsonArray> ListJsonAsync(string config)
    {
        var (code, output, error) = await CliRun.RunAsync("jobs", "list", "--config", config, "--json");
        Assert.True(code == 0, error);
        return JsonNode.Parse(output)!.AsArray();
    }

    [GeneratedRegex("Scheduled job ([a-z0-9]+):")]
    private static partial Regex AnswerJobId();

    [GeneratedRegex("^Scheduled job ([a-z0-9]+):")]
    private static partial Regex JobId();
}
