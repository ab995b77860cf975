using DingGate.Core.Replies;
using DingGate.DingTalk.Tests.Support;

namespace DingGate.DingTalk.Tests.Replies.Cards;

/// <summary>
/// A card whose streaming hits a per-minute limit waits for the next minute and finishes as a card: no markdown
/// fallback, and the text written during the wait is not lost or sent stale.
/// </summary>
public sealed class CardReplyThrottleTests
{
    private const string StreamingPath = "/v1.0/card/streaming";

    // The kit's clock starts on a minute; the tests run twenty seconds into it.
    private static readonly DateTimeOffset MinuteBoundary = DingTalkTestEmulator.Start + TimeSpan.FromMinutes(1);

    [Fact]
    public async Task CompleteAsync_StreamingHitsPerMinuteLimitThenEnds_FinalizedAfterTheMinuteNoMarkdown()
    {
        await using var kit = await CardTestKit.StartAsync();
        kit.Emu.Time.Advance(TimeSpan.FromSeconds(20));
        var message = await kit.InjectAsync("question");
        var sink = kit.Create(message);
        await TestWait.UntilAsync(() => kit.Store.Log.Contains("mark:" + sink.OutTrackId + ":Created"), "the card is created and recorded");
        await kit.AddFaultAsync(new { path = StreamingPath, kind = "QpmLimit", count = 1, method = "PUT" });

        await sink.WriteAsync(new ReplyTextDelta("First part of the answer. "), CancellationToken.None);
        await kit.SettleAsync();
        kit.Emu.Time.Advance(CardTestKit.Interval);
        await TestWait.UntilAsync(() => kit.Emu.Calls(StreamingPath).Count == 1, "the first update is throttled");
        await sink.WriteAsync(new ReplyTextDelta("Second part, written while DingTalk holds the card."), CancellationToken.None);
        await kit.SettleAsync();
        var completion = sink.CompleteAsync(ReplyEnd.Finished, null, CancellationToken.None);
        await kit.SettleAsync();
        Assert.Single(kit.Emu.Calls(StreamingPath));
        kit.Emu.Time.Advance(MinuteBoundary + TimeSpan.FromSeconds(2) - kit.Emu.Time.GetUtcNow());
        var outcome = await kit.DriveAsync(completion);

        const string Answer = "First part of the answer. Second part, written while DingTalk holds the card.";
        var calls = kit.Emu.Calls(StreamingPath);
        Assert.Equal([403, 200], calls.Select(c => c.Status));
        Assert.Contains("Forbidden.AccessDenied.QpmLimitForAppkeyAndApi", calls[0].ResponseBody, StringComparison.Ordinal);
        Assert.True(calls[0].At < MinuteBoundary);
        Assert.True(calls[1].At >= MinuteBoundary, $"the final update went at {calls[1].At:O}, inside the throttled minute");
        var final = kit.Bodies(StreamingPath)[^1];
        Assert.True((bool)final["isFinalize"]!);
        Assert.False((bool)final["isError"]!);
        Assert.Equal(Answer, (string?)final["content"]);
        var card = await kit.CardAsync(sink.OutTrackId);
        Assert.Equal("FINISHED", (string?)card["state"]);
        Assert.Equal(Answer, (string?)card["streamingContent"]!["msgContent"]);
        Assert.Equal(ReplyMode.Card, outcome.Mode);
        Assert.False(outcome.FellBack);
        Assert.True(outcome.Delivered);
        Assert.Equal(0, await kit.MarkdownCountAsync(message.ConversationId, "First part"));
        Assert.Empty(kit.Emu.Calls("/v1.0/robot/oToMessages/batchSend"));
        Assert.Empty(kit.Emu.Calls("/robot/sendBySession"));
        Assert.Equal("remove:" + sink.OutTrackId, kit.Store.Log[^1]);
    }

    [Fact]
    public async Task WriteAsync_TextArrivesWhileWaitingOutPerMinuteLimit_NextUpdateAfterTheMinuteCarriesTheLatestText()
    {
        await using var kit = await CardTestKit.StartAsync();
        kit.Emu.Time.Advance(TimeSpan.FromSeconds(20));
        var message = await kit.InjectAsync("question");
        var sink = kit.Create(message);
        await TestWait.UntilAsync(() => kit.Store.Log.Contains("mark:" + sink.OutTrackId + ":Created"), "the card is created and recorded");
        await kit.AddFaultAsync(new { path = StreamingPath, kind = "QpmLimit", count = 1, method = "PUT" });

        await sink.WriteAsync(new ReplyTextDelta("One. "), CancellationToken.None);
        await kit.SettleAsync();
        kit.Emu.Time.Advance(CardTestKit.Interval);
        await TestWait.UntilAsync(() => kit.Emu.Calls(StreamingPath).Count == 1, "the first update is throttled");
        foreach (var part in new[] { "Two. ", "Three. ", "Four." })
        {
            await sink.WriteAsync(new ReplyTextDelta(part), CancellationToken.None);
            kit.Emu.Time.Advance(CardTestKit.Step);
            await kit.SettleAsync();
        }

        Assert.Single(kit.Emu.Calls(StreamingPath));
        kit.Emu.Time.Advance(MinuteBoundary + TimeSpan.FromSeconds(2) - kit.Emu.Time.GetUtcNow());
        await TestWait.UntilAsync(() => kit.Emu.Calls(StreamingPath).Count == 2, "the update after the minute");
        var outcome = await kit.DriveAsync(sink.CompleteAsync(ReplyEnd.Finished, null, CancellationToken.None));

        var calls = kit.Emu.Calls(StreamingPath);
        var bodies = kit.Bodies(StreamingPath);
        Assert.Equal(403, calls[0].Status);
        Assert.Equal("One. ", (string?)bodies[0]["content"]);
        Assert.All(calls.Skip(1), c => Assert.Equal(200, c.Status));
        Assert.All(calls.Skip(1), c => Assert.True(c.At >= MinuteBoundary));
        Assert.False((bool)bodies[1]["isFinalize"]!);
        Assert.Equal("One. Two. Three. Four.", (string?)bodies[1]["content"]);
        Assert.True((bool)bodies[^1]["isFinalize"]!);
        Assert.Equal("FINISHED", (string?)(await kit.CardAsync(sink.OutTrackId))["state"]);
        Assert.Equal(ReplyMode.Card, outcome.Mode);
        Assert.False(outcome.FellBack);
        Assert.Equal(0, await kit.MarkdownCountAsync(message.ConversationId, "One."));
    }
}
