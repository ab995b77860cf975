using System.Diagnostics.Metrics;
using DingGate.Core.Inbound;
using DingGate.Core.Storage;
using DingGate.DingTalk.Api;
using DingGate.DingTalk.Inbound;
using DingGate.DingTalk.Replies;
using DingGate.DingTalk.Replies.Thinking;
using DingGate.DingTalk.Tests.Support;

namespace DingGate.DingTalk.Tests.Replies.Thinking;

/// <summary>The thinking reaction never takes a permit an answer is waiting for: skipped while its API's bucket is backlogged.</summary>
public sealed class ThinkingIndicatorBacklogTests
{
    [Fact]
    public async Task BackloggedBucket_ReactionSkipped_LoggedAndCounted_ShownOnceThePermitsAreBack()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var state = new TempDirectory();
        await using var stores = new StateHarness(emu, state.Path);
        var account = emu.Account() with { ThinkingIndicator = "emotion", ThinkingDelay = TimeSpan.Zero, ApiQps = 1 };
        var api = emu.CreateClient(account);
        long skipped = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "dinggate.dingtalk.thinking.skipped" && ReferenceEquals(instrument.Meter.Scope, emu.MeterFactory))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref skipped, value));
        listener.Start();
        var logger = new RecordingLogger<ThinkingIndicator>();
        var indicator = new ThinkingIndicator(
            account, api, stores.Get<IShownIndicatorStore>(), emu.Time, logger, quota: null, new ReplyMetrics(emu.MeterFactory, emu.Time));
        var first = await InjectAsync(emu, account.Id);
        var message = await InjectAsync(emu, account.Id);

        // The first reaction spends this second's only permit of the emotion API (the fake clock stands still).
        Assert.True(await indicator.ShowAfterDelayAsync(first, new ApiCallMeter(), CancellationToken.None));
        Assert.True(api.IsBacklogged(ApiCallKinds.Emotion));
        var shown = await indicator.ShowAfterDelayAsync(message, new ApiCallMeter(), CancellationToken.None);

        Assert.False(shown);
        Assert.Single(emu.Calls("/v1.0/robot/emotion/"));
        Assert.Contains(logger.Entries, e => e.Message.Contains("skipped (backlog)", StringComparison.Ordinal));
        Assert.Equal(1, Interlocked.Read(ref skipped));

        emu.Time.Advance(TimeSpan.FromSeconds(1) + account.ApiWindowMargin);
        Assert.False(api.IsBacklogged(ApiCallKinds.Emotion));
        Assert.True(await indicator.ShowAfterDelayAsync(message, new ApiCallMeter(), CancellationToken.None));
        Assert.Equal(2, emu.Calls("/v1.0/robot/emotion/reply").Count);
        Assert.Equal(1, Interlocked.Read(ref skipped));
    }

    [Fact]
    public async Task AnswerArrivesWhileTheReactionWaitsForItsToken_NotShownSoNotRecalled_RecordForgotten()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var state = new TempDirectory();
        await using var stores = new StateHarness(emu, state.Path);
        var account = emu.Account() with { ThinkingIndicator = "emotion", ThinkingDelay = TimeSpan.Zero };
        var api = emu.CreateClient(account);
        var store = stores.Get<IShownIndicatorStore>();
        var indicator = new ThinkingIndicator(
            account, api, store, emu.Time, new RecordingLogger<ThinkingIndicator>(), quota: null, new ReplyMetrics(emu.MeterFactory, emu.Time));
        var message = await InjectAsync(emu, account.Id);
        // The reaction's first call needs a token, and the token fetch hangs (30 s of emulator time).
        await emu.ControlAsync(HttpMethod.Post, "/_emulator/faults", new { path = "/v1.0/oauth2/accessToken", kind = "Latency", delayMs = 30_000, count = 1 });

        using var answered = new CancellationTokenSource();
        var showing = indicator.ShowAfterDelayAsync(message, new ApiCallMeter(), answered.Token);
        await TestWait.UntilAsync(async () => (await store.ListAsync(account.Id, CancellationToken.None)).Count == 1, "the reaction recorded before its call");
        await answered.CancelAsync(); // the answer is out before the reaction's request went on the wire

        Assert.False(await showing.WaitAsync(TestWait.DefaultTimeout));
        Assert.Empty(await store.ListAsync(account.Id, CancellationToken.None));
        emu.Time.Advance(TimeSpan.FromSeconds(31));
        await Task.Delay(100);
        Assert.Empty(emu.Calls("/v1.0/robot/emotion/"));
    }

    private static async Task<InboundMessage> InjectAsync(DingTalkTestEmulator emu, string accountId)
    {
        var (payload, _) = await emu.PayloadAsync(new { clientId = DingTalkTestEmulator.ClientId, from = "user001", conversation = "dm", text = "难题" });
        return Assert.IsType<ParseResult.Ok>(new InboundMessageParser(emu.Time).Parse(accountId, DingTalkTestEmulator.BotName, payload)).Message;
    }
}
