using DingGate.Core.Replies;
using DingGate.DingTalk.Replies.Cards;
using DingGate.DingTalk.Tests.Support;

namespace DingGate.DingTalk.Tests.Replies.Cards;

// A card sink creates its card as soon as the message is handed over; a user's second message is handed over while the
// first card's create may still wait (a full card bucket, a slow DingTalk). The second card must not be created, and
// shown in the chat, above the first (found by the replicas acceptance run: two cards of one DM swapped under a full
// bucket). Cards of other conversations do not wait.
public sealed class CardOpeningOrderTests
{
    private const string CreatePath = "/v1.0/card/instances/createAndDeliver";

    [Fact]
    public async Task SecondMessageOfAConversation_FirstCreateSlow_SecondCardCreatedAfterTheFirst()
    {
        await using var kit = await CardTestKit.StartAsync();
        await kit.AddFaultAsync(new { path = CreatePath, kind = "Latency", delayMs = 5000, count = 1, method = "POST" });
        var first = kit.Create(await kit.InjectAsync("one"));
        // The first create is on the wire, held by the latency fault (which it used up).
        await TestWait.UntilAsync(async () => (await kit.Emu.ControlAsync(HttpMethod.Get, "/_emulator/faults"))!["routes"]!.AsArray().Count == 0, "the first create is held");
        var second = kit.Create(await kit.InjectAsync("two"));
        var other = kit.Create(await kit.InjectAsync("other", from: "user002"));
        await TestWait.UntilAsync(() => kit.Steps(other.OutTrackId).Contains("create:1"), "another conversation's card is created at once");
        await kit.SettleAsync();

        Assert.Empty(kit.Steps(first.OutTrackId));
        Assert.Empty(kit.Steps(second.OutTrackId));

        kit.Emu.Time.Advance(TimeSpan.FromSeconds(5));
        await TestWait.UntilAsync(() => kit.Steps(second.OutTrackId).Contains("create:1"), "the second card is created after the first");

        var creates = kit.Emu.Recorder.HttpCalls.Where(c => c.Path == CreatePath && c.Status == 200).Select(c => c.RequestBody).ToList();
        Assert.Equal(
            [other.OutTrackId, first.OutTrackId, second.OutTrackId],
            creates.Select(b => (string?)System.Text.Json.Nodes.JsonNode.Parse(b)!["outTrackId"]).ToList());
        foreach (var sink in new[] { first, second, other })
        {
            await sink.WriteAsync(new ReplyTextDelta("answer"), CancellationToken.None);
            Assert.Equal(ReplyMode.Card, (await kit.DriveAsync(sink.CompleteAsync(ReplyEnd.Finished, null, CancellationToken.None))).Mode);
        }

        Assert.Equal(0, kit.Cards.Opening.Lines);
    }

    [Fact]
    public async Task FirstCreateFails_SecondCardStillCreated_AndTheFirstAnswerFallsBack()
    {
        await using var kit = await CardTestKit.StartAsync();
        await kit.AddFaultAsync(new { path = CreatePath, kind = "Status", status = 400, count = 1 });
        var first = kit.Create(await kit.InjectAsync("one"));
        var second = kit.Create(await kit.InjectAsync("two"));

        await TestWait.UntilAsync(() => kit.Steps(second.OutTrackId).Contains("create:1"), "the second card is created once the first create failed");
        await first.WriteAsync(new ReplyTextDelta("first answer"), CancellationToken.None);
        var fellBack = await kit.DriveAsync(first.CompleteAsync(ReplyEnd.Finished, null, CancellationToken.None));
        await second.WriteAsync(new ReplyTextDelta("second answer"), CancellationToken.None);
        var carded = await kit.DriveAsync(second.CompleteAsync(ReplyEnd.Finished, null, CancellationToken.None));

        Assert.True(fellBack.FellBack);
        Assert.Equal(ReplyMode.Card, carded.Mode);
        Assert.Equal(0, kit.Cards.Opening.Lines);
    }

    [Fact]
    public async Task Ticket_WaitRunsOut_GoesAheadAndReportsIt()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var order = new CardOpeningOrder();
        var first = order.Enter("cid");
        var second = order.Enter("cid");

        var waiting = second.WaitForTurnAsync(time, CancellationToken.None);
        time.Advance(CardOpeningOrder.MaxWait);

        Assert.True(first.IsFirst);
        Assert.False(second.IsFirst);
        Assert.False(await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        first.Opened();
        second.Opened();
        Assert.Equal(0, order.Lines);
    }
}
