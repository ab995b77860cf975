using DingGate.Core.Replies;
using DingGate.Core.Storage;
using DingGate.Core.Texts;
using DingGate.DingTalk.Api;
using DingGate.DingTalk.Tests.Support;

namespace DingGate.DingTalk.Tests.Replies.Cards;

public sealed class CardReplySinkFallbackTests
{
    private const string CreatePath = "/v1.0/card/instances/createAndDeliver";
    private const string StreamingPath = "/v1.0/card/streaming";
    private const string Answer = "The full answer, line one.\nLine two of the full answer.";

    [Fact]
    public async Task CompleteAsync_CreateFailsWithServerErrors_FullAnswerOnceAsMarkdownNoStreamingCardMayExistSoItsRecordStays()
    {
        await using var kit = await CardTestKit.StartAsync();
        await kit.AddFaultAsync(new { path = CreatePath, kind = "Status", status = 500, count = 99 });
        var message = await kit.InjectAsync("question");
        var sink = kit.Create(message);
        await TestWait.UntilAsync(() => kit.Emu.Calls(CreatePath).Count == 1, "the create is tried");
        await WriteInPartsAsync(kit, sink);

        var outcome = await kit.DriveAsync(sink.CompleteAsync(ReplyEnd.Finished, null, CancellationToken.None));

        Assert.Equal(ReplyMode.Markdown, outcome.Mode);
        Assert.True(outcome.FellBack);
        Assert.True(outcome.Delivered);
        Assert.Equal(1, await kit.MarkdownCountAsync(message.ConversationId, Answer));
        Assert.Empty(kit.Emu.Calls(StreamingPath));
        Assert.Equal(1, outcome.ApiCalls[ApiCallKinds.CardCreate]);
        // A 500 does not say the card was not made: the record (written before the call) stays for the next start.
        Assert.Equal(["add:" + sink.OutTrackId], kit.Store.Log);
        Assert.Equal(OpenCardState.Creating, Assert.Single(await kit.Store.ListAsync(kit.Account.Id, CancellationToken.None)).State);
    }

    [Fact]
    public async Task CompleteAsync_CreateRefused_RecordWrittenBeforeTheCallThenRemovedAnswerAsMarkdown()
    {
        await using var kit = await CardTestKit.StartAsync();
        await kit.AddFaultAsync(new { path = CreatePath, kind = "Status", status = 400, count = 99 });
        var message = await kit.InjectAsync("question");
        var sink = kit.Create(message);
        await TestWait.UntilAsync(() => kit.Emu.Calls(CreatePath).Count == 1, "the create is tried");
        await WriteInPartsAsync(kit, sink);

        var outcome = await kit.DriveAsync(sink.CompleteAsync(ReplyEnd.Finished, null, CancellationToken.None));

        Assert.Equal((ReplyMode.Markdown, true, true), (outcome.Mode, outcome.FellBack, outcome.Delivered));
        Assert.Equal(1, await kit.MarkdownCountAsync(message.ConversationId, Answer));
        Assert.Equal(["add:" + sink.OutTrackId, "remove:" + sink.OutTrackId], kit.Store.Log);
    }

    [Fact]
    public async Task CompleteAsync_FirstIntermediateStreamingFails_CardMarkedErrorAnswerOnceAsMarkdown()
    {
        await using var kit = await CardTestKit.StartAsync();
        var message = await kit.InjectAsync("question");
        var sink = kit.Create(message);
        await TestWait.UntilAsync(() => kit.Store.Log.Contains("mark:" + sink.OutTrackId + ":Created"), "the card is created and recorded");
        // The first streaming call and its 3 retries fail; the best-effort error update after them goes through.
        await kit.AddFaultAsync(new { path = StreamingPath, kind = "Status", status = 500, count = 4, method = "PUT" });
        await WriteInPartsAsync(kit, sink);
        await TestWait.UntilAsync(async () =>
        {
            await kit.SettleAsync();
            kit.Emu.Time.Advance(CardTestKit.Step);
            return kit.Steps(sink.OutTrackId).Contains("instances:5");
        }, "the retries and the FAILED update are sent");

        var outcome = await kit.DriveAsync(sink.CompleteAsync(ReplyEnd.Finished, null, CancellationToken.None));

        Assert.Equal(ReplyMode.Markdown, outcome.Mode);
        Assert.True(outcome.FellBack);
        Assert.True(outcome.Delivered);
        Assert.Equal(1, await kit.MarkdownCountAsync(message.ConversationId, Answer));
        // INPUTING went through, the streaming update failed with its retries, the card is set FAILED ("5") with the
        // note that the answer follows as a message: it does not keep spinning.
        var streaming = kit.Emu.Calls(StreamingPath);
        Assert.Equal([500, 500, 500, 500], streaming.Select(c => c.Status));
        Assert.Equal(["create:1", "instances:2", "instances:5"], kit.Steps(sink.OutTrackId));
        var card = await kit.CardAsync(sink.OutTrackId);
        Assert.Equal("FAILED", (string?)card["state"]);
        Assert.NotEqual(Answer, (string?)card["publicData"]!["msgContent"]);
        Assert.Contains(CardTexts.FallingBack.ZhCn, (string?)card["publicData"]!["msgContent"], StringComparison.Ordinal);
        Assert.DoesNotContain(kit.Bodies(StreamingPath), b => (bool)b["isFinalize"]!);
        Assert.Equal("remove:" + sink.OutTrackId, kit.Store.Log[^1]);
    }

    [Fact]
    public async Task CompleteAsync_FinalizeFails_AnswerOnceAsMarkdownCardNeverFinished()
    {
        await using var kit = await CardTestKit.StartAsync();
        var message = await kit.InjectAsync("question");
        var sink = kit.Create(message);
        await TestWait.UntilAsync(() => kit.Store.Log.Contains("mark:" + sink.OutTrackId + ":Created"), "the card is created and recorded");
        await WriteInPartsAsync(kit, sink);
        kit.Emu.Time.Advance(CardTestKit.Interval);
        await TestWait.UntilAsync(() => kit.Emu.Calls(StreamingPath).Count >= 1, "an intermediate update is sent");
        await kit.SettleAsync();
        var intermediate = kit.Emu.Calls(StreamingPath).Count;
        await kit.AddFaultAsync(new { path = StreamingPath, kind = "Status", status = 500, count = 99, method = "PUT" });

        var outcome = await kit.DriveAsync(sink.CompleteAsync(ReplyEnd.Finished, null, CancellationToken.None));

        Assert.Equal(ReplyMode.Markdown, outcome.Mode);
        Assert.True(outcome.FellBack);
        Assert.Equal(1, await kit.MarkdownCountAsync(message.ConversationId, Answer));
        var bodies = kit.Bodies(StreamingPath);
        Assert.True(bodies.Skip(intermediate).Take(4).All(b => (bool)b["isFinalize"]!), "the finalize call is tried with its retries");
        var card = await kit.CardAsync(sink.OutTrackId);
        Assert.Equal("FAILED", (string?)card["state"]); // given up through flowStatus "5", not left spinning
        Assert.Equal("instances:5", kit.Steps(sink.OutTrackId)[^1]);
        Assert.True(kit.Emu.Calls(StreamingPath).Skip(intermediate).All(c => c.Status == 500));
    }

    private static async Task WriteInPartsAsync(CardTestKit kit, IReplySink sink)
    {
        foreach (var part in Answer.Split(' '))
        {
            await sink.WriteAsync(new ReplyTextDelta(part == Answer.Split(' ')[^1] ? part : part + " "), CancellationToken.None);
        }

        await kit.SettleAsync();
    }
}
