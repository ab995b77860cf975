using DingGate.Core.Storage;
using DingGate.DingTalk.Tests.Support;

namespace DingGate.DingTalk.Tests.EndToEnd;

/// <summary>
/// The reply outbox's in-flight mark is set only while a part's call is on the wire: while the call waits (for a token,
/// a QPS bucket, or a throttle window after DingTalk refused it) the part is plainly unsent, so a kill during that
/// wait re-sends it at the next start instead of holding it as ambiguous (an answer nobody would see).
/// </summary>
public sealed class InFlightMarkTests
{
    private const string WebhookPath = "/robot/sendBySession";
    private const string OtoPath = "/v1.0/robot/oToMessages/batchSend";
    private const string TokenPath = "/v1.0/oauth2/accessToken";

    [Fact]
    public async Task OpenApiCallRefusedWithAMinuteLimit_PartNotInFlightWhileItWaits_ThenDeliveredOnce()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var state = new TempDirectory();
        await using var channel = await ChannelHarness.StartAsync(emu, state.Path, s => s.ThinkingIndicator = "off");
        var outcome = ReplyAnswers.Answer(channel, "限流后送达的回答");
        await emu.ControlAsync(HttpMethod.Post, "/_emulator/faults", new { path = WebhookPath, kind = "Status", status = 400, count = 1 });
        await emu.ControlAsync(HttpMethod.Post, "/_emulator/faults", new { path = OtoPath, kind = "QpmLimit", count = 1 });

        var injected = await emu.InjectTextAsync("问题");
        var outbox = channel.Get<IReplyOutbox>();
        await TestWait.UntilAsync(() => emu.Calls(OtoPath).Count == 1, "the throttled OpenAPI send");

        // DingTalk refused the OpenAPI send (403 QpmLimit): the call waits for the next minute, the part is not in flight.
        var waiting = await SingleEntryAsync(outbox, e => e.InFlightPart is null);
        Assert.NotEqual(OutboxState.Delivered, waiting.State);
        Assert.False(outcome.Task.IsCompleted);

        emu.Time.Advance(TimeSpan.FromMinutes(2)); // past the next minute and the client's margin
        var result = await outcome.Task.WaitAsync(TestWait.DefaultTimeout);

        Assert.True(result.Delivered);
        var delivered = (await outbox.FindAsync(waiting.Id, CancellationToken.None))!;
        Assert.Equal(OutboxState.Delivered, delivered.State);
        Assert.Null(delivered.InFlightPart);
        Assert.Equal(2, emu.Calls(OtoPath).Count);
        Assert.Equal(["限流后送达的回答"], await ReplyAnswers.BotTextsAsync(emu, injected));
    }

    [Fact]
    public async Task WebhookRefused_PartNotInFlightWhileTheOpenApiFallbackWaitsForItsToken_ThenDeliveredOnce()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var state = new TempDirectory();
        await using var channel = await ChannelHarness.StartAsync(emu, state.Path, s => s.ThinkingIndicator = "off");
        var outcome = ReplyAnswers.Answer(channel, "改走开放接口的回答");
        await emu.ControlAsync(HttpMethod.Post, "/_emulator/faults", new { path = WebhookPath, kind = "Status", status = 400, count = 1 });
        // The fallback's first OpenAPI call needs a token; its fetch hangs for 30 s of emulator time.
        await emu.ControlAsync(HttpMethod.Post, "/_emulator/faults", new { path = TokenPath, kind = "Latency", delayMs = 30_000, count = 1 });

        var injected = await emu.InjectTextAsync("问题");
        var outbox = channel.Get<IReplyOutbox>();
        // (The emulator records a call when it is answered, so the hanging token fetch is not in the record yet.)
        await TestWait.UntilAsync(
            async () => emu.Calls(WebhookPath).Count == 1 && (await outbox.ListAsync("default", null, CancellationToken.None)).Count == 1, "the refused webhook");

        // The webhook refused for good (400): the part waits for the fallback's token, not in flight.
        var waiting = await SingleEntryAsync(outbox, e => e.InFlightPart is null && e.History.Count == 0);
        Assert.Empty(emu.Calls(OtoPath));

        emu.Time.Advance(TimeSpan.FromSeconds(31));
        var result = await outcome.Task.WaitAsync(TestWait.DefaultTimeout);

        Assert.True(result.Delivered);
        Assert.Equal(OutboxState.Delivered, (await outbox.FindAsync(waiting.Id, CancellationToken.None))!.State);
        Assert.Single(emu.Calls(OtoPath));
        Assert.Single(emu.Calls(TokenPath));
        Assert.Equal(["改走开放接口的回答"], await ReplyAnswers.BotTextsAsync(emu, injected));
    }

    [Fact]
    public async Task AnswersWaitingForTheQpsBucket_NoneInFlightWhileWaiting_ThenEachDeliveredOnce()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var state = new TempDirectory();
        await using var channel = await ChannelHarness.StartAsync(emu, state.Path, s => s.ThinkingIndicator = "off");
        ReplyAnswers.Answer(channel, "排队的回答");
        const int users = 30;
        var outbox = channel.Get<IReplyOutbox>();
        try
        {
            // Every webhook refuses (400): each answer costs a webhook call and an OpenAPI send, more than one second of
            // the app's QPS allows, so with the emulator's clock standing still some answers wait for a permit.
            await emu.ControlAsync(HttpMethod.Post, "/_emulator/faults", new { path = WebhookPath, kind = "Status", status = 400, count = users });
            for (var u = 0; u < users; u++)
            {
                var user = $"bucket{u:D2}";
                await emu.ControlAsync(HttpMethod.Post, "/_emulator/users", new { userId = user, nick = user });
                await emu.ControlAsync(HttpMethod.Post, "/_emulator/messages", new { from = user, text = "问题" });
            }

            // Until nothing moves any more: every call the frozen second allows has been made.
            var calls = -1;
            await TestWait.UntilAsync(async () =>
            {
                var before = calls;
                calls = emu.Calls(WebhookPath).Count + emu.Calls(OtoPath).Count;
                await Task.Delay(300);
                return calls == before && calls == emu.Calls(WebhookPath).Count + emu.Calls(OtoPath).Count;
            }, "the second's permits spent");

            var waiting = (await outbox.ListAsync("default", null, CancellationToken.None)).Where(e => e.State != OutboxState.Delivered).ToList();
            Assert.NotEmpty(waiting);
            Assert.All(waiting, e => Assert.Null(e.InFlightPart));
            Assert.True(emu.Calls(OtoPath).Count < users);

            await TestWait.UntilAsync(async () =>
            {
                emu.Time.Advance(TimeSpan.FromSeconds(1));
                await Task.Delay(20);
                var all = await outbox.ListAsync("default", null, CancellationToken.None);
                return all.Count == users && all.All(e => e.State == OutboxState.Delivered);
            }, "every answer delivered");

            Assert.Equal(users, emu.Calls(OtoPath).Count(c => c.Status == 200));
            Assert.Equal(users, emu.Calls(OtoPath).Select(c => c.RequestBody).Distinct().Count());
        }
        finally
        {
            // Sends still waiting on the frozen clock would hold the channel's stop: let the seconds pass.
            for (var i = 0; i < 120; i++)
            {
                emu.Time.Advance(TimeSpan.FromSeconds(1));
                await Task.Delay(10);
            }
        }
    }

    // The one outbox entry, once `settled` holds for it (the replier's writes land a moment after the recorded call).
    private static async Task<OutboxEntry> SingleEntryAsync(IReplyOutbox outbox, Func<OutboxEntry, bool> settled)
    {
        OutboxEntry? entry = null;
        for (var i = 0; i < 200; i++)
        {
            entry = Assert.Single(await outbox.ListAsync("default", null, CancellationToken.None));
            if (settled(entry))
            {
                // Still so a moment later: nothing marks it again while the call waits.
                await Task.Delay(100);
                entry = (await outbox.FindAsync(entry.Id, CancellationToken.None))!;
                Assert.True(settled(entry), $"the part was marked in flight again while its call waited (in flight: {entry.InFlightPart})");
                return entry;
            }

            await Task.Delay(20);
        }

        Assert.Fail($"the waiting part stayed marked in flight (in flight: {entry?.InFlightPart}, state {entry?.State})");
        return null!;
    }
}
