using System.Text;
using DingGate.Core.Replies;
using DingGate.DingTalk.Api;
using DingGate.DingTalk.Replies.Cards;
using DingGate.DingTalk.Tests.Support;

namespace DingGate.DingTalk.Tests.Replies.Cards;

/// <summary>
/// One card spends a bounded number of intermediate streaming updates (<c>cardMaxUpdates</c>) plus its lifecycle calls,
/// however long its answer streams; the first updates stay quick, later ones come further apart (issue 14 item 2).
/// </summary>
public sealed class CardStreamingBudgetTests
{
    private const string StreamingPath = "/v1.0/card/streaming";

    [Theory]
    [InlineData(20, 65)]
    [InlineData(5, 20)]
    [InlineData(0, 5)]
    public async Task CompleteAsync_AnswerStreamsForSecondsWithDeltasEvery100ms_AtMostMaxUpdatesPlusTheFourLifecycleCalls(int maxUpdates, int seconds)
    {
        await using var kit = await CardTestKit.StartAsync(customize: a => a with { CardMaxUpdates = maxUpdates });
        var message = await kit.InjectAsync("write a long essay");
        var sink = kit.Create(message);
        await TestWait.UntilAsync(() => kit.Store.Log.Contains("mark:" + sink.OutTrackId + ":Created"), "the card is created and recorded");

        var firstDeltaAt = kit.Emu.Time.GetUtcNow();
        var answer = new StringBuilder();
        for (var i = 0; i < seconds * 10; i++)
        {
            var delta = $"sentence {i} of a long answer. ";
            answer.Append(delta);
            await sink.WriteAsync(new ReplyTextDelta(delta), CancellationToken.None);
            kit.Emu.Time.Advance(CardTestKit.Step);
            await kit.SettleAsync();
        }

        var outcome = await sink.CompleteAsync(ReplyEnd.Finished, null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        var calls = kit.Emu.Calls(StreamingPath);
        var bodies = kit.Bodies(StreamingPath, sink.OutTrackId);
        var intermediate = bodies.Count(b => !(bool)b["isFinalize"]!);
        Assert.All(calls, c => Assert.Equal(200, c.Status));
        Assert.InRange(intermediate, 0, maxUpdates);
        // Calls a card costs: create, INPUTING, the intermediate updates, the final update, FINISHED.
        var steps = kit.Steps(sink.OutTrackId);
        Assert.Equal(["create:1", "instances:2"], steps.Take(2));
        Assert.Equal(["finalize", "instances:3"], steps.TakeLast(2));
        Assert.Equal(intermediate + 4, steps.Count);
        Assert.Equal(intermediate + 4, outcome.ApiCalls.Values.Sum());
        Assert.Equal(intermediate + 1, outcome.ApiCalls[ApiCallKinds.CardStreaming]);

        // The whole answer ends on the card.
        var whole = answer.ToString();
        Assert.Equal(whole, (string?)bodies[^1]["content"]);
        var card = await kit.CardAsync(sink.OutTrackId);
        Assert.Equal(("FINISHED", false), ((string?)card["state"], (bool)card["spinning"]!));
        Assert.Equal(whole, (string?)card["publicData"]!["msgContent"]);
        Assert.Equal(ReplyMode.Card, outcome.Mode);
        Assert.False(outcome.FellBack);

        // Quick at first, wider later: update k goes no earlier than interval × 1.25^(k−1) after the one before (the
        // emulator records a call when it arrives, which may be one clock step after the streamer sent it).
        var times = calls.Take(intermediate).Select(c => c.At).Prepend(firstDeltaAt).ToList();
        for (var k = 1; k < times.Count; k++)
        {
            Assert.True(
                times[k] - times[k - 1] >= CardStreamBudget.Gap(CardTestKit.Interval, k - 1) - CardTestKit.Step,
                $"update {k} came {times[k] - times[k - 1]} after the one before");
        }

        if (maxUpdates >= 3)
        {
            // 0.5 + 0.625 + 0.78 s (on 100 ms clock steps): the first three updates show within 2.5 s of the first delta.
            Assert.True(intermediate >= 3);
            Assert.True(times[3] - firstDeltaAt <= TimeSpan.FromSeconds(2.5), $"the third update came {times[3] - firstDeltaAt} after the first delta");
        }

        if (seconds >= 20 && maxUpdates > 0)
        {
            // A long answer keeps updating until its budget or its end, not one update per interval (65 s used to take 130).
            Assert.True(intermediate >= Math.Min(maxUpdates, 10), $"{intermediate} intermediate updates");
        }
    }

    [Fact]
    public async Task CompleteAsync_ShortAnswer_CostsTheFourLifecycleCallsAsBefore()
    {
        await using var kit = await CardTestKit.StartAsync();
        var message = await kit.InjectAsync("hi");
        var sink = kit.Create(message);
        await TestWait.UntilAsync(() => kit.Store.Log.Contains("mark:" + sink.OutTrackId + ":Created"), "the card is created and recorded");

        foreach (var delta in new[] { "Hello", ", how can ", "I help?" })
        {
            await sink.WriteAsync(new ReplyTextDelta(delta), CancellationToken.None);
            kit.Emu.Time.Advance(CardTestKit.Step);
            await kit.SettleAsync();
        }

        var outcome = await sink.CompleteAsync(ReplyEnd.Finished, null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["create:1", "instances:2", "finalize", "instances:3"], kit.Steps(sink.OutTrackId));
        Assert.Equal(4, outcome.ApiCalls.Values.Sum());
        Assert.Equal("Hello, how can I help?", (string?)(await kit.CardAsync(sink.OutTrackId))["publicData"]!["msgContent"]);
    }

    [Fact]
    public void Gap_GrowsByAQuarterPerUpdateUpToThirtySeconds()
    {
        var interval = TimeSpan.FromMilliseconds(500);

        Assert.Equal(
            [500.0, 625.0, 781.25, 976.5625],
            Enumerable.Range(0, 4).Select(k => CardStreamBudget.Gap(interval, k).TotalMilliseconds));
        Assert.Equal(TimeSpan.FromSeconds(30), CardStreamBudget.Gap(interval, 19));
        Assert.Equal(TimeSpan.FromSeconds(30), CardStreamBudget.Gap(interval, int.MaxValue));
        Assert.Equal(TimeSpan.FromMinutes(1), CardStreamBudget.Gap(TimeSpan.FromMinutes(1), 3));
    }
}
