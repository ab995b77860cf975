using DingGate.Core.Replies;
using DingGate.Core.Storage;
using DingGate.DingTalk.Tests.Support;

namespace DingGate.DingTalk.Tests.Replies.Cards;

// The open-card record of one card reply against the emulator: written before the create call, marked created once
// DingTalk accepted it, delivered (with the whole answer) once the final streaming update was accepted, then removed.
public sealed class CardOpenRecordTests
{
    private const string CreatePath = "/v1.0/card/instances/createAndDeliver";
    private const string StreamingPath = "/v1.0/card/streaming";

    [Fact]
    public async Task CardReply_RecordWrittenBeforeTheCreateCall_ThenCreatedDeliveredAfterTheFinalUpdateAndRemovedAtTheEnd()
    {
        await using var kit = await CardTestKit.StartAsync();
        var callsAtAdd = new List<(int Creates, OpenCardState State)>();
        kit.Store.OnAdd = card => callsAtAdd.Add((kit.Emu.Calls(CreatePath).Count, card.State));
        var finalsAtDelivered = -1;
        var message = await kit.InjectAsync("question");
        var sink = kit.Create(message);
        await TestWait.UntilAsync(() => kit.Store.Log.Contains("mark:" + sink.OutTrackId + ":Created"), "the card is created and recorded");
        await sink.WriteAsync(new ReplyTextDelta("The whole answer."), CancellationToken.None);
        kit.Emu.Time.Advance(CardTestKit.Interval);
        await TestWait.UntilAsync(
            () =>
            {
                if (kit.Emu.Calls(StreamingPath).Count == 1)
                {
                    return true;
                }

                // Under load the streamer may arm its timer after the clock moved (a CI run timed out here): move it again.
                kit.Emu.Time.Advance(CardTestKit.Interval);
                return false;
            },
            "an intermediate update");
        kit.Store.OnAdd = null;
        var completion = sink.CompleteAsync(ReplyEnd.Finished, null, CancellationToken.None);
        await TestWait.UntilAsync(
            () =>
            {
                if (finalsAtDelivered < 0 && kit.Store.Log.Contains("mark:" + sink.OutTrackId + ":Delivered"))
                {
                    finalsAtDelivered = kit.Emu.Calls(StreamingPath).Count;
                }

                return completion.IsCompleted;
            },
            "the reply completes");

        var outcome = await completion;
        Assert.Equal([(0, OpenCardState.Creating)], callsAtAdd);
        Assert.Equal(
            ["add:" + sink.OutTrackId, "mark:" + sink.OutTrackId + ":Created", "update:" + sink.OutTrackId + ":The whole answer.", "mark:" + sink.OutTrackId + ":Delivered", "remove:" + sink.OutTrackId],
            kit.Store.Log);
        Assert.Equal(2, finalsAtDelivered);
        Assert.Equal((ReplyMode.Card, true), (outcome.Mode, outcome.Delivered));
    }
}
