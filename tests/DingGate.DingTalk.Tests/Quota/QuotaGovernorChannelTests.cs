using System.Text.Json.Nodes;
using DingGate.Core.Configuration;
using DingGate.Core.Replies;
using DingGate.Core.Storage;
using DingGate.DingTalk.Quota;
using DingGate.DingTalk.Tests.Support;
using DingGate.Emulator.Recording;

namespace DingGate.DingTalk.Tests.Quota;

/// <summary>
/// The quota governor in the real channel against the emulator, on the fake clock: a month of card replies, slow
/// answers and proactive sends crosses each step in order, the owner is warned once per step, and past the budget the
/// emulator records no OpenAPI call while answers still go out through the session webhook. The budget is scaled down
/// (100 calls instead of the standard edition's 5 000) so the month takes ~30 replies; the percentages are the defaults.
/// </summary>
public sealed class QuotaGovernorChannelTests
{
    private const string Owner = "user001";

    // Calls that are not OpenAPI calls (this test's own reading of DingTalk's billing: session webhook and Stream are free).
    private static readonly string[] FreePaths = ["/robot/sendBySession", "/v1.0/gateway/connections/open", "/connect"];

    [Fact]
    public async Task SimulatedMonth_StepsInOrder_OwnerWarnedOncePerStep_NoOpenApiCallPastTheBudget()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        emu.Time.Advance(QuotaMonth.Start(202612) + TimeSpan.FromDays(2) - emu.Time.GetUtcNow()); // 3 December, China time
        using var state = new TempDirectory();
        var logs = new ScopeCapturingLoggerProvider();
        await using var channel = await ChannelHarness.StartAsync(emu, state.Path, s =>
        {
            s.MessageType = "card";
            s.Quota = new DingTalkQuotaSettings { MonthlyCalls = 100 };
            s.Owners = [Owner];
        }, logs);
        var governor = channel.Channel.Quota!;
        var steps = new List<QuotaStep> { governor.StepFor("default") };

        // Cards (4 OpenAPI calls each: create, INPUTING, streaming, FINISHED) until card mode is off.
        var cards = 0;
        while (governor.StepFor("default") < QuotaStep.CardsOff)
        {
            var outcome = await AnswerAsync(emu, channel, $"问题 {cards++}");
            Assert.Equal(ReplyMode.Card, outcome.Mode);
            steps.Add(governor.StepFor("default"));
            Assert.True(cards < 40, "card mode never went off");
        }

        await TestWait.UntilAsync(() => OwnerWarnings(emu).Count == 2, "the owner is warned at 80 % and told cards are off at 90 %");
        var markdown = await AnswerAsync(emu, channel, "卡片关了吗");
        Assert.Equal(ReplyMode.Markdown, markdown.Mode);
        Assert.Equal(new Dictionary<string, int> { ["webhook"] = 1 }, markdown.ApiCalls);

        // Slow answers: the thinking reaction (2 OpenAPI calls) until it is switched off too.
        var slow = 0;
        while (governor.StepFor("default") < QuotaStep.IndicatorOff)
        {
            await AnswerAsync(emu, channel, $"慢问题 {slow++}", slow: true, logs);
            steps.Add(governor.StepFor("default"));
            Assert.True(slow < 10, "the indicator never went off");
        }

        await TestWait.UntilAsync(() => OwnerWarnings(emu).Count == 3, "the owner is told the indicator is off");
        var emotions = emu.Calls("/v1.0/robot/emotion/").Count;
        var quiet = await AnswerAsync(emu, channel, "慢问题，没有表情", slow: true, logs);
        Assert.Equal(emotions, emu.Calls("/v1.0/robot/emotion/").Count);
        Assert.Equal(new Dictionary<string, int> { ["webhook"] = 1 }, quiet.ApiCalls);
        Assert.Contains(logs.Entries, e => e.Message.Contains("thinking indicator", StringComparison.Ordinal) && e.Message.Contains("skipped (quota)", StringComparison.Ordinal));

        // Proactive sends (1 OpenAPI call each) up to the budget; then none at all.
        var sends = 0;
        while (governor.StepFor("default") < QuotaStep.WebhookOnly)
        {
            emu.Time.Advance(TimeSpan.FromMinutes(7));
            await channel.Channel.SendAsync("default", new MessageTarget(MessageTargetKind.User, "user002"), new OutboundMessage { Text = $"通知 {sends++}" }, CancellationToken.None);
            steps.Add(governor.StepFor("default"));
            Assert.True(sends < 20, "the budget was never reached");
        }

        var mark = emu.Recorder.HttpCalls.Count;
        var refused = await Assert.ThrowsAsync<MessageSendException>(() =>
            channel.Channel.SendAsync("default", new MessageTarget(MessageTargetKind.User, "user002"), new OutboundMessage { Text = "再通知" }, CancellationToken.None));
        Assert.IsType<QuotaExhaustedException>(refused.InnerException);
        Assert.Contains("monthly OpenAPI budget", refused.Message, StringComparison.Ordinal);

        var answered = await AnswerAsync(emu, channel, "额度用完了还能回答吗");
        Assert.Equal(ReplyMode.Markdown, answered.Mode);
        Assert.True(answered.Delivered);
        Assert.Equal(new Dictionary<string, int> { ["webhook"] = 1 }, answered.ApiCalls);
        await AnswerAsync(emu, channel, "慢问题，额度用完", slow: true, logs);

        // An answer whose webhook expired would need the OpenAPI: it waits in the reply outbox with the reason.
        var late = await AnswerAsync(emu, channel, "很慢的问题", expireWebhook: true);
        Assert.Contains("queued in the reply outbox", late.Error, StringComparison.Ordinal);
        var waiting = Assert.Single(await channel.Get<IReplyOutbox>().ListAsync("default", [OutboxState.Pending], CancellationToken.None));
        Assert.Contains("monthly OpenAPI budget", waiting.LastError, StringComparison.Ordinal);

        var after = emu.Recorder.HttpCalls.Skip(mark).ToList();
        Assert.DoesNotContain(after, c => !FreePaths.Contains(c.Path));
        Assert.Equal(2, after.Count(c => c.Path == "/robot/sendBySession")); // the two answers whose webhook was valid

        // The steps came in order, each reached; each was logged once; the owner got three messages (none at 100 %).
        Assert.Equal([QuotaStep.Normal, QuotaStep.Warned, QuotaStep.CardsOff, QuotaStep.IndicatorOff, QuotaStep.WebhookOnly], Distinct(steps));
        Assert.Equal(steps.Order(), steps);
        await TestWait.UntilAsync(() => StepLogs(logs).Count == 4, "four step warnings are logged");
        Assert.Equal(["warned", "cardsOff", "indicatorOff", "webhookOnly"], StepLogs(logs));
        Assert.Equal(3, OwnerWarnings(emu).Count);
        Assert.All(OwnerWarnings(emu), w => Assert.Equal([Owner], JsonNode.Parse(w.RequestBody)!["userIds"]!.AsArray().Select(n => n!.GetValue<string>())));

        var status = Assert.Single(governor.Snapshot());
        Assert.Equal(QuotaStep.WebhookOnly, status.Step);
        Assert.Equal(100, status.Budget);
        Assert.True(status.Used >= 100, $"used {status.Used}");
        Assert.Equal(OpenApiCalls(emu), status.Used);
    }

    [Fact]
    public async Task Restart_KeepsTheMonthsCount_AndEachWarningIsSentOnce()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var state = new TempDirectory();
        var logs = new ScopeCapturingLoggerProvider();
        void Configure(DingTalkChannelSettings s)
        {
            s.Quota = new DingTalkQuotaSettings { MonthlyCalls = 40 }; // warned at 32, cards off at 36, indicator off at 38
            s.Owners = [Owner];
        }

        long usedBefore;
        await using (var first = await ChannelHarness.StartAsync(emu, state.Path, Configure, logs))
        {
            while (first.Channel.Quota!.StepFor("default") < QuotaStep.Warned)
            {
                emu.Time.Advance(TimeSpan.FromSeconds(1));
                await first.Channel.SendAsync("default", new MessageTarget(MessageTargetKind.User, "user002"), new OutboundMessage { Text = "通知" }, CancellationToken.None);
            }

            await TestWait.UntilAsync(() => OwnerWarnings(emu).Count == 1, "the owner is warned at 80 %");
            usedBefore = first.Channel.Quota.Snapshot()[0].Used;
        }

        Assert.True(OpenApiCalls(emu) == usedBefore, string.Join("\n", emu.Recorder.HttpCalls.Select(c => $"{c.Method} {c.Path} {c.Status}")));
        await using var second = await ChannelHarness.StartAsync(emu, state.Path, Configure, logs);
        var reloaded = Assert.Single(await second.Channel.Quota!.StatusAsync(CancellationToken.None));
        Assert.Equal(usedBefore, reloaded.Used);
        Assert.Equal(QuotaStep.Warned, reloaded.Step);

        while (second.Channel.Quota.StepFor("default") < QuotaStep.CardsOff)
        {
            emu.Time.Advance(TimeSpan.FromSeconds(1));
            await second.Channel.SendAsync("default", new MessageTarget(MessageTargetKind.User, "user002"), new OutboundMessage { Text = "通知" }, CancellationToken.None);
        }

        await TestWait.UntilAsync(() => OwnerWarnings(emu).Count == 2, "the owner is told cards are off");
        Assert.Equal(["warned", "cardsOff"], StepLogs(logs));
        Assert.Contains("80%", Text(OwnerWarnings(emu)[0]), StringComparison.Ordinal);
        Assert.Contains("卡片回复已改为 Markdown 消息", Text(OwnerWarnings(emu)[1]), StringComparison.Ordinal);
    }

    private static async Task<ReplyOutcome> AnswerAsync(
        DingTalkTestEmulator emu, ChannelHarness channel, string question, bool slow = false, ScopeCapturingLoggerProvider? logs = null, bool expireWebhook = false)
    {
        // A month goes by between questions (and the per-second bucket, on the fake clock, refills).
        emu.Time.Advance(TimeSpan.FromMinutes(7));
        var done = new TaskCompletionSource<ReplyOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        channel.Handler.Respond = async (message, reply, ct) =>
        {
            if (slow)
            {
                // The model is slow: past thinkingDelayMs, so the reaction is shown, or skipped and said so.
                var (shown, skipped) = (emu.Calls("/v1.0/robot/emotion/reply").Count, Skips(logs!));
                emu.Time.Advance(TimeSpan.FromSeconds(2));
                await TestWait.UntilAsync(() => emu.Calls("/v1.0/robot/emotion/reply").Count > shown || Skips(logs!) > skipped, "the thinking indicator shows or is skipped");
            }

            if (expireWebhook)
            {
                emu.Time.Advance(TimeSpan.FromMinutes(91));
            }

            await using (reply)
            {
                await reply.WriteAsync(new ReplyTextDelta("答：" + message.Text), ct);
                done.SetResult(await reply.CompleteAsync(ReplyEnd.Finished, null, ct));
            }
        };
        await emu.InjectTextAsync(question);
        return await done.Task.WaitAsync(TestWait.DefaultTimeout);
    }

    private static int Skips(ScopeCapturingLoggerProvider logs) => logs.Entries.Count(e => e.Message.Contains("skipped (", StringComparison.Ordinal));

    private static List<RecordedHttpCall> OwnerWarnings(DingTalkTestEmulator emu) =>
        [.. emu.Calls("/v1.0/robot/oToMessages/batchSend").Where(c => c.Status == 200 && Text(c).Contains("钉钉接口调用额度提醒", StringComparison.Ordinal))];

    private static string Text(RecordedHttpCall call) =>
        JsonNode.Parse(JsonNode.Parse(call.RequestBody)!["msgParam"]!.GetValue<string>())!["content"]?.GetValue<string>()
        ?? JsonNode.Parse(JsonNode.Parse(call.RequestBody)!["msgParam"]!.GetValue<string>())!["text"]!.GetValue<string>();

    private static long OpenApiCalls(DingTalkTestEmulator emu) => emu.Recorder.HttpCalls.Count(c => !FreePaths.Contains(c.Path));

    private static List<string> StepLogs(ScopeCapturingLoggerProvider logs) =>
        [.. logs.Entries.Where(e => e.Message.Contains("reached:", StringComparison.Ordinal))
            .Select(e => e.Message.Split("step ")[1].Split(' ')[0])];

    private static List<QuotaStep> Distinct(List<QuotaStep> steps) =>
        [.. steps.Where((s, i) => i == 0 || steps[i - 1] != s)];
}
