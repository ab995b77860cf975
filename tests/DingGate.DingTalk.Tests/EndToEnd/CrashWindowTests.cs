using System.Text.Json.Nodes;
using DingGate.Core.Replies;
using DingGate.Core.Storage;
using DingGate.DingTalk.Tests.Support;

namespace DingGate.DingTalk.Tests.EndToEnd;

/// <summary>
/// The crash windows of cards and the thinking indicator (issue 12 item 2) through the real channel, a real SQLite
/// state directory and the emulator: a run "killed" (its sinks never completed nor disposed) and started again on the
/// same state. Asserted on the emulator's cards and recorded calls.
/// </summary>
public sealed class CrashWindowTests
{
    private const string CreatePath = "/v1.0/card/instances/createAndDeliver";
    private const string InstancesPath = "/v1.0/card/instances";
    private const string Interrupted = "稍后会重新回答";

    [Fact]
    public async Task CardKilledMidStream_NextStartStreamsTheAnswerIntoTheSameCard_OneCreateOneCardFinished()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var state = new TempDirectory();
        var outTrackId = await KillMidStreamAsync(emu, state, "写一篇长文");

        await using var second = await ChannelHarness.StartAsync(emu, state.Path, s => s.MessageType = "card");
        await TestWait.UntilAsync(async () => await CardStateAsync(emu, outTrackId) == "FINISHED", "the same card ends");
        await TestWait.UntilAsync(async () => (await second.Get<IOpenCardStore>().ListAsync("default", CancellationToken.None)).Count == 0, "the card leaves the store");

        Assert.Single(emu.Calls(CreatePath));
        Assert.Single((await emu.ControlAsync(HttpMethod.Get, "/_emulator/cards"))!.AsArray());
        var card = (await emu.ControlAsync(HttpMethod.Get, "/_emulator/cards/" + outTrackId))!;
        Assert.Equal(RecordingInboundHandler.DefaultAnswer, (string?)card["streamingContent"]!["msgContent"]);
        var ended = LastInstanceUpdate(emu, outTrackId);
        Assert.Equal(("3", RecordingInboundHandler.DefaultAnswer), ((string?)ended["flowStatus"], (string?)ended["msgContent"]));
        Assert.DoesNotContain(emu.Calls("/v1.0/card/streaming"), c => c.RequestBody.Contains(Interrupted, StringComparison.Ordinal));
        // The resumed answer first replaced the crashed run's text (full update), then streamed and finalized.
        var contents = emu.Calls("/v1.0/card/streaming").Select(c => JsonNode.Parse(c.RequestBody)!).ToList();
        Assert.All(contents, c => Assert.True((bool)c["isFull"]!));
        Assert.Equal(["前半部分", "> ⚠️ 回答被中断（网关重启），正在重新回答…", RecordingInboundHandler.DefaultAnswer], contents.Select(c => (string?)c["content"]));
        Assert.True((bool)contents[^1]["isFinalize"]!);
        var entry = await second.Get<IInboundJournal>().ListUnfinishedAsync("default", CancellationToken.None);
        Assert.Empty(entry);
    }

    [Fact]
    public async Task CardKilledWhileItsCreateMayOrMayNotHaveHappened_NextStartCreatesWithTheSameIdAndTakesTheExistingCard()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var state = new TempDirectory();
        var outTrackId = await KillMidStreamAsync(emu, state, "写一篇长文");
        // The crash came between the accepted create and its "created" record: the record still says creating.
        await using (var services = StateServices(emu, state))
        {
            await services.Get<IOpenCardStore>().MarkAsync("default", outTrackId, OpenCardState.Creating, null, emu.Time.GetUtcNow(), CancellationToken.None);
        }

        await using var second = await ChannelHarness.StartAsync(emu, state.Path, s => s.MessageType = "card");
        await TestWait.UntilAsync(async () => await CardStateAsync(emu, outTrackId) == "FINISHED", "the same card ends");

        var creates = emu.Calls(CreatePath);
        Assert.Equal(2, creates.Count);
        Assert.All(creates, c => Assert.Equal(outTrackId, (string?)JsonNode.Parse(c.RequestBody)!["outTrackId"]));
        Assert.Contains("param.cardAlreadyExist", creates[1].ResponseBody, StringComparison.Ordinal);
        Assert.Single((await emu.ControlAsync(HttpMethod.Get, "/_emulator/cards"))!.AsArray());
        var card = (await emu.ControlAsync(HttpMethod.Get, "/_emulator/cards/" + outTrackId))!;
        Assert.Equal(RecordingInboundHandler.DefaultAnswer, (string?)card["streamingContent"]!["msgContent"]);
        Assert.Equal(0, await MarkdownAnswersAsync(emu));
    }

    [Fact]
    public async Task FinishedRefusedThenKilledBeforeTheBooks_NextStartEndsTheCardWithItsAnswerNoNoteAndDoesNotAnswerAgain()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var state = new TempDirectory();
        string outTrackId;
        string msgId;
        await using (var first = await ChannelHarness.StartAsync(emu, state.Path, s => s.MessageType = "card"))
        {
            var outcome = new TaskCompletionSource<ReplyOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
            first.Handler.Respond = async (message, reply, ct) =>
            {
                await reply.WriteAsync(new ReplyTextDelta("完整的回答"), ct);
                await TestWait.UntilAsync(
                    () =>
                    {
                        emu.Time.Advance(TimeSpan.FromMilliseconds(100));
                        return emu.Calls("/v1.0/card/streaming").Count == 1;
                    },
                    "INPUTING and an intermediate update");
                // FINISHED ("3") refused by an outage; the final streaming update (the answer) goes through.
                await emu.ControlAsync(HttpMethod.Post, "/_emulator/faults", new { path = InstancesPath, kind = "Status", status = 503, count = 100000, method = "PUT" });
                outcome.SetResult(await reply.CompleteAsync(ReplyEnd.Finished, null, ct));
            };
            msgId = (string)(await emu.InjectTextAsync("问题"))["msgId"]!;
            await TestWait.UntilAsync(
                () =>
                {
                    emu.Time.Advance(TimeSpan.FromSeconds(1));
                    return outcome.Task.IsCompleted;
                },
                "the reply completes with its end refused");
            outTrackId = (string)JsonNode.Parse(emu.Calls(CreatePath)[0].RequestBody)!["outTrackId"]!;
            var open = Assert.Single(await first.Get<IOpenCardStore>().ListAsync("default", CancellationToken.None));
            Assert.Equal((OpenCardState.Delivered, "完整的回答"), (open.State, open.Content));
            // The process dies before its books are kept: the journal entry is still open.
            await first.Get<IInboundJournal>().MarkAsync("default", msgId, InboundState.Processing, null, CancellationToken.None);
        }

        await emu.ControlAsync(HttpMethod.Delete, "/_emulator/faults");
        var streamed = emu.Calls("/v1.0/card/streaming").Count;
        await using var second = await ChannelHarness.StartAsync(emu, state.Path, s => s.MessageType = "card");
        await emu.InjectTextAsync("marker");
        await second.Handler.WaitForAsync(m => m.Text == "marker");
        await TestWait.UntilAsync(async () => await CardStateAsync(emu, outTrackId) == "FINISHED", "the card ends");

        Assert.DoesNotContain(second.Handler.Messages, m => m.MessageId == msgId);
        var ended = LastInstanceUpdate(emu, outTrackId);
        Assert.Equal(("3", "完整的回答"), ((string?)ended["flowStatus"], (string?)ended["msgContent"]));
        Assert.Equal(streamed, emu.Calls("/v1.0/card/streaming").Count(c => (string?)JsonNode.Parse(c.RequestBody)!["outTrackId"] == outTrackId));
        Assert.Equal(InboundState.Answered, (await second.Get<IInboundJournal>().FindAsync("default", msgId, CancellationToken.None))!.State);
        // The marker's own card may still be finishing (messages run in lanes, its reply is not awaited above).
        await TestWait.UntilAsync(
            async () => (await second.Get<IOpenCardStore>().ListAsync("default", CancellationToken.None)).Count == 0, "no open card is left");
    }

    [Fact]
    public async Task KilledWhileTheThinkingReactionShows_NextStartTakesItBackOnce()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var state = new TempDirectory();
        string msgId;
        await using (var first = await ChannelHarness.StartAsync(emu, state.Path))
        {
            first.Handler.Respond = async (message, reply, ct) =>
            {
                emu.Time.Advance(TimeSpan.FromSeconds(2)); // past thinkingDelayMs (1500)
                await Task.Delay(Timeout.Infinite, ct); // the process dies here: the sink is never completed nor disposed
            };
            msgId = (string)(await emu.InjectTextAsync("难题"))["msgId"]!;
            await TestWait.UntilAsync(() => emu.Calls("/v1.0/robot/emotion/reply").Count == 1, "the thinking reaction");
            await TestWait.UntilAsync(async () => (await first.Get<IShownIndicatorStore>().ListAsync("default", CancellationToken.None)).Count == 1, "it is recorded");
        }

        Assert.Empty(emu.Calls("/v1.0/robot/emotion/recall"));
        await using var second = await ChannelHarness.StartAsync(emu, state.Path);
        await second.Handler.WaitForAsync(m => m.MessageId == msgId);
        await TestWait.UntilAsync(async () => await MarkdownAnswersAsync(emu) == 1, "the resumed answer");

        var recalls = emu.Calls("/v1.0/robot/emotion/recall");
        Assert.Equal(emu.Calls("/v1.0/robot/emotion/reply").Count, recalls.Count);
        var recall = JsonNode.Parse(Assert.Single(recalls).RequestBody)!;
        Assert.Equal(msgId, (string?)recall["openMsgId"]);
        Assert.Equal("思考中…", (string?)recall["textEmotion"]!["text"]);
        // Taken back at start, before the resumed message was handled (and so before its answer).
        var order = emu.Recorder.HttpCalls.Where(c => c.Path is "/v1.0/robot/emotion/recall" or "/robot/sendBySession").Select(c => c.Path).ToList();
        Assert.Equal(["/v1.0/robot/emotion/recall", "/robot/sendBySession"], order);
        Assert.Empty(await second.Get<IShownIndicatorStore>().ListAsync("default", CancellationToken.None));
    }

    [Fact]
    public async Task RecordedReactionTheRecallOfWhichIsThrottled_KeptThenTakenBackAtTheNextStart()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var state = new TempDirectory();
        await using (var services = StateServices(emu, state))
        {
            await services.Get<IShownIndicatorStore>().AddAsync(
                new ShownIndicator
                {
                    AccountId = "default", MessageKey = "m-old", ConversationId = "cid-old", MessageId = "m-old",
                    EmotionName = "思考中…", EmotionId = "2659900", BackgroundId = "im_bg_1", ShownAt = emu.Time.GetUtcNow(),
                },
                CancellationToken.None);
        }

        await emu.ControlAsync(HttpMethod.Post, "/_emulator/faults", new { path = "/v1.0/robot/emotion/recall", kind = "Status", status = 503, count = 100000 });
        await using (var first = await ChannelHarness.StartAsync(emu, state.Path))
        {
            await TestWait.UntilAsync(() => emu.Calls("/v1.0/robot/emotion/recall").Count > 0, "a recall is tried");
            await emu.InjectTextAsync("marker");
            await first.Handler.WaitForAsync(m => m.Text == "marker");
            Assert.Single(await first.Get<IShownIndicatorStore>().ListAsync("default", CancellationToken.None));
        }

        await emu.ControlAsync(HttpMethod.Delete, "/_emulator/faults");
        await emu.ControlAsync(HttpMethod.Post, "/_emulator/faults", new { path = "/v1.0/robot/emotion/recall", kind = "Status", status = 400, count = 1 });
        await using (var second = await ChannelHarness.StartAsync(emu, state.Path))
        {
            await TestWait.UntilAsync(async () => (await second.Get<IShownIndicatorStore>().ListAsync("default", CancellationToken.None)).Count == 0, "a refusal for good drops it");
        }

        Assert.Equal(400, emu.Calls("/v1.0/robot/emotion/recall")[^1].Status);
    }

    // A first run in card mode streams "前半部分" into a card and dies mid-answer; answers the card's outTrackId.
    private static async Task<string> KillMidStreamAsync(DingTalkTestEmulator emu, TempDirectory state, string question)
    {
        await using var first = await ChannelHarness.StartAsync(emu, state.Path, s => s.MessageType = "card");
        first.Handler.Respond = async (message, reply, ct) =>
        {
            await reply.WriteAsync(new ReplyTextDelta("前半部分"), ct);
            await Task.Delay(Timeout.Infinite, ct); // the process dies here: the sink is never completed nor disposed
        };
        await emu.InjectTextAsync(question);
        await TestWait.UntilAsync(() => emu.Calls(CreatePath).Count == 1, "the card is delivered");
        var outTrackId = (string)JsonNode.Parse(emu.Calls(CreatePath)[0].RequestBody)!["outTrackId"]!;
        await TestWait.UntilAsync(
            () =>
            {
                emu.Time.Advance(TimeSpan.FromMilliseconds(100));
                return emu.Calls("/v1.0/card/streaming").Count == 1;
            },
            "the first streaming update");
        await TestWait.UntilAsync(
            async () => (await first.Get<IOpenCardStore>().ListAsync("default", CancellationToken.None)) is [{ Content: "前半部分", State: OpenCardState.Created }],
            "the open card records what it shows");
        return outTrackId;
    }

    private static StateHarness StateServices(DingTalkTestEmulator emu, TempDirectory state) => new(emu, state.Path);

    private static async Task<string?> CardStateAsync(DingTalkTestEmulator emu, string outTrackId) =>
        (string?)(await emu.ControlAsync(HttpMethod.Get, "/_emulator/cards/" + outTrackId))!["state"];

    private static async Task<int> MarkdownAnswersAsync(DingTalkTestEmulator emu)
    {
        await Task.Yield();
        return emu.Calls("/robot/sendBySession").Count + emu.Calls("/v1.0/robot/oToMessages/batchSend").Count;
    }

    private static JsonNode LastInstanceUpdate(DingTalkTestEmulator emu, string outTrackId) =>
        emu.Calls(InstancesPath)
            .Where(c => c.Method == "PUT" && c.Status == 200)
            .Select(c => JsonNode.Parse(c.RequestBody)!)
            .Last(b => (string?)b["outTrackId"] == outTrackId)["cardData"]!["cardParamMap"]!;
}
