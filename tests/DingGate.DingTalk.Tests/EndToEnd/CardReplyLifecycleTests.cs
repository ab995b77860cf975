using System.Text.Json.Nodes;
using DingGate.Core.Replies;
using DingGate.Core.Storage;
using DingGate.DingTalk.Tests.Replies.Media;
using DingGate.DingTalk.Tests.Support;

namespace DingGate.DingTalk.Tests.EndToEnd;

/// <summary>
/// A card reply's life through the real channel: the stop button, a gateway killed mid-stream and started again in markdown mode, and
/// files in card mode. Asserted on the emulator's cards and recorded calls.
/// </summary>
public sealed class CardReplyLifecycleTests
{
    private const string Interrupted = "⚠️ 回答被中断（网关停止或重启），稍后会重新回答。";

    [Fact]
    public async Task StopButton_OnlyTheAskerStopsTheRun_CardFinalizedWithPartialAnswerAndNote()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var state = new TempDirectory();
        await using var channel = await ChannelHarness.StartAsync(emu, state.Path, s => s.MessageType = "card");
        var outcome = new TaskCompletionSource<ReplyOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        channel.Handler.Respond = async (message, reply, ct) =>
        {
            await using (reply)
            {
                await reply.WriteAsync(new ReplyTextDelta("第一段，"), ct);
                try
                {
                    await Task.Delay(Timeout.Infinite, CancellationTokenSource.CreateLinkedTokenSource(ct, reply.StopRequested).Token);
                }
                catch (OperationCanceledException) when (reply.StopRequested.IsCancellationRequested)
                {
                    outcome.SetResult(await reply.CompleteAsync(ReplyEnd.Stopped, null, ct));
                }
            }
        };

        await emu.InjectTextAsync("讲一个很长的故事");
        await TestWait.UntilAsync(() => emu.Calls("/v1.0/card/instances/createAndDeliver").Count == 1, "the card is delivered");
        var outTrackId = (string)JsonNode.Parse(emu.Calls("/v1.0/card/instances/createAndDeliver")[0].RequestBody)!["outTrackId"]!;
        var stranger = await ClickStopAsync(emu, outTrackId, "user002");
        var strangerStopped = outcome.Task.IsCompleted;
        var owner = await ClickStopAsync(emu, outTrackId, "user001");
        var result = await outcome.Task.WaitAsync(TestWait.DefaultTimeout);

        Assert.Equal(200, (int)stranger["ackCode"]!);
        Assert.False(strangerStopped);
        Assert.Equal(200, (int)owner["ackCode"]!);
        var card = (await emu.ControlAsync(HttpMethod.Get, "/_emulator/cards/" + outTrackId))!;
        Assert.Equal("FINISHED", (string?)card["state"]);
        Assert.Equal("第一段，\n\n> ⏹ 已停止生成", (string?)card["streamingContent"]!["msgContent"]);
        var finished = LastInstanceUpdate(emu, outTrackId);
        Assert.Equal(("3", "第一段，\n\n> ⏹ 已停止生成", "false"), ((string?)finished["flowStatus"], (string?)finished["msgContent"], (string?)finished["stop_action"]));
        Assert.Equal(ReplyEnd.Stopped, result.End);
        Assert.Equal(ReplyMode.Card, result.Mode);
    }

    // A card left for the resumed answer that no card reply takes (here: the next start answers in markdown) is ended
    // honestly after the resume. The same card in card mode is answered into: CrashWindowTests.
    [Fact]
    public async Task GatewayKilledMidStream_RestartedInMarkdownMode_OldCardEndedHonestlyAfterTheResumeAndAnswerSentOnce()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var state = new TempDirectory();
        string outTrackId;
        await using (var first = await ChannelHarness.StartAsync(emu, state.Path, s => s.MessageType = "card"))
        {
            first.Handler.Respond = async (message, reply, ct) =>
            {
                await reply.WriteAsync(new ReplyTextDelta("前半部分"), ct);
                await Task.Delay(Timeout.Infinite, ct); // the process dies here: the sink is never completed nor disposed
            };
            await emu.InjectTextAsync("写一篇长文");
            await TestWait.UntilAsync(() => emu.Calls("/v1.0/card/instances/createAndDeliver").Count == 1, "the card is delivered");
            outTrackId = (string)JsonNode.Parse(emu.Calls("/v1.0/card/instances/createAndDeliver")[0].RequestBody)!["outTrackId"]!;
            await TestWait.UntilAsync(
                () =>
                {
                    emu.Time.Advance(TimeSpan.FromMilliseconds(100));
                    return emu.Calls("/v1.0/card/streaming").Count == 1;
                },
                "the first streaming update");
            // The open-card record follows the streaming call once its answer is back.
            await TestWait.UntilAsync(
                async () => (await first.Get<IOpenCardStore>().ListAsync("default", CancellationToken.None)) is [{ Content: "前半部分" }],
                "the open card records what it shows");
        }

        var before = (await emu.ControlAsync(HttpMethod.Get, "/_emulator/cards/" + outTrackId))!;
        await using var second = await ChannelHarness.StartAsync(emu, state.Path, s => s.MessageType = "markdown");
        await TestWait.UntilAsync(async () => await FinishedCardsAsync(emu) == 1, "the old card finished");
        await TestWait.UntilAsync(() => emu.Calls("/robot/sendBySession").Count == 1, "the answer as markdown");

        Assert.Equal("INPUTING", (string?)before["state"]);
        Assert.True((bool)before["spinning"]!);
        Assert.Single(emu.Calls("/v1.0/card/instances/createAndDeliver"));
        var old = (await emu.ControlAsync(HttpMethod.Get, "/_emulator/cards/" + outTrackId))!;
        Assert.Equal("前半部分\n\n> " + Interrupted, (string?)old["streamingContent"]!["msgContent"]);
        Assert.False((bool)old["spinning"]!);
        var ended = LastInstanceUpdate(emu, outTrackId);
        Assert.Equal(("3", "前半部分\n\n> " + Interrupted), ((string?)ended["flowStatus"], (string?)ended["msgContent"]));
        Assert.Contains(RecordingInboundHandler.DefaultAnswer, Assert.Single(emu.Calls("/robot/sendBySession")).RequestBody, StringComparison.Ordinal);
        await TestWait.UntilAsync(async () => (await second.Get<IOpenCardStore>().ListAsync("default", CancellationToken.None)).Count == 0, "the store is empty");
    }

    [Fact]
    public async Task CardMode_ImageShownInTheCardAndFileSentAfterIt()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var state = new TempDirectory();
        using var files = new TempDirectory();
        var (png, _) = MediaKit.WriteFile(files, "chart.png");
        var (pdf, _) = MediaKit.WriteFile(files, "report.pdf");
        await using var channel = await ChannelHarness.StartAsync(emu, state.Path, s => s.MessageType = "card");
        var outcome = new TaskCompletionSource<ReplyOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        channel.Handler.Respond = async (message, reply, ct) =>
        {
            await using (reply)
            {
                await reply.WriteAsync(new ReplyTextDelta("见图和附件。"), ct);
                await reply.WriteAsync(new ReplyFile(OutboundFile.FromPath(png)), ct);
                await reply.WriteAsync(new ReplyFile(OutboundFile.FromPath(pdf)), ct);
                outcome.SetResult(await reply.CompleteAsync(ReplyEnd.Finished, null, ct));
            }
        };

        await emu.InjectTextAsync("给我报告");
        var result = await outcome.Task.WaitAsync(TestWait.DefaultTimeout);

        var final = JsonNode.Parse(emu.Calls("/v1.0/card/streaming")[^1].RequestBody)!;
        Assert.Matches(@"^见图和附件。\n\n!\[chart\.png\]\(@[^)]+\)$", (string?)final["content"]);
        Assert.True((bool)final["isFinalize"]!);
        var file = JsonNode.Parse(Assert.Single(emu.Calls("/v1.0/robot/oToMessages/batchSend")).RequestBody)!;
        Assert.Equal("sampleFile", (string?)file["msgKey"]);
        Assert.Equal("report.pdf", (string?)JsonNode.Parse((string)file["msgParam"]!)!["fileName"]);
        Assert.Equal(2, emu.Calls("/media/upload").Count);
        Assert.Equal(2, result.Messages);
        Assert.Equal(ReplyMode.Card, result.Mode);
    }

    private static async Task<int> FinishedCardsAsync(DingTalkTestEmulator emu)
    {
        var cards = (await emu.ControlAsync(HttpMethod.Get, "/_emulator/cards"))!.AsArray();
        return cards.Count(c => (string?)c!["state"] == "FINISHED");
    }

    private static JsonNode LastInstanceUpdate(DingTalkTestEmulator emu, string outTrackId) =>
        emu.Calls("/v1.0/card/instances")
            .Where(c => c.Method == "PUT" && c.Status == 200)
            .Select(c => JsonNode.Parse(c.RequestBody)!)
            .Last(b => (string?)b["outTrackId"] == outTrackId)["cardData"]!["cardParamMap"]!;

    private static async Task<JsonNode> ClickStopAsync(DingTalkTestEmulator emu, string outTrackId, string userId) =>
        (await emu.ControlAsync(HttpMethod.Post, $"/_emulator/cards/{outTrackId}/click", new { userId, actionIds = new[] { "btn_stop" }, @params = new { action = "stop" } }))!;
}
