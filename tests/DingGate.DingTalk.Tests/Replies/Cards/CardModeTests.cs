using DingGate.Core.Replies;

namespace DingGate.DingTalk.Tests.Replies.Cards;

public sealed class CardModeTests
{
    private const string CreatePath = "/v1.0/card/instances/createAndDeliver";
    private const string StreamingPath = "/v1.0/card/streaming";

    [Fact]
    public async Task TryCreate_TwoCardRepliesFailWith503_ThirdIsMarkdownWithoutCardCallsUntilDegradeEnds()
    {
        await using var kit = await CardTestKit.StartAsync(degrade: TimeSpan.FromMinutes(10));
        await kit.AddFaultAsync(new { path = CreatePath, kind = "Status", status = 503, count = 2 });
        for (var i = 1; i <= 2; i++)
        {
            var failing = await kit.InjectAsync("q" + i);
            var sink = kit.Create(failing);
            await sink.WriteAsync(new ReplyTextDelta("answer " + i), CancellationToken.None);
            var outcome = await sink.CompleteAsync(ReplyEnd.Finished, null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
            Assert.True(outcome.FellBack && outcome.Delivered);
        }

        Assert.Equal(2, kit.Emu.Calls(CreatePath).Count);
        var third = await kit.InjectAsync("q3");
        Assert.Null(kit.Cards.TryCreate(third, "k3"));
        Assert.Equal(2, kit.Emu.Calls(CreatePath).Count);

        kit.Emu.Time.Advance(TimeSpan.FromMinutes(9));
        Assert.Null(kit.Cards.TryCreate(third, "k3"));
        kit.Emu.Time.Advance(TimeSpan.FromMinutes(1));
        var back = kit.Create(await kit.InjectAsync("q4"));
        await back.WriteAsync(new ReplyTextDelta("card again"), CancellationToken.None);
        var backOutcome = await back.CompleteAsync(ReplyEnd.Finished, null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(ReplyMode.Card, backOutcome.Mode);
        Assert.Equal(3, kit.Emu.Calls(CreatePath).Count);
        Assert.Equal("FINISHED", (string?)(await kit.CardAsync(back.OutTrackId))["state"]);

        Assert.Single(kit.Logs.Entries, e => e.Message.Contains("replying as markdown for 10 minutes", StringComparison.Ordinal));
        Assert.Single(kit.Logs.Entries, e => e.Message.Contains("card mode is back", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TryCreate_FailureThenSuccessThenFailure_NeverDegrades()
    {
        await using var kit = await CardTestKit.StartAsync();
        foreach (var fail in new[] { true, false, true })
        {
            if (fail)
            {
                await kit.AddFaultAsync(new { path = CreatePath, kind = "Status", status = 503, count = 1 });
            }

            var sink = kit.Create(await kit.InjectAsync("q"));
            await sink.WriteAsync(new ReplyTextDelta("a"), CancellationToken.None);
            var outcome = await sink.CompleteAsync(ReplyEnd.Finished, null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(fail, outcome.FellBack);
        }

        Assert.NotNull(kit.Cards.TryCreate(await kit.InjectAsync("q"), "k"));
    }

    [Fact]
    public async Task CompleteAsync_ThirtyConversationsStreamingWithQpsLimitOn_NoThrottlingAndAllFinished()
    {
        await using var kit = await CardTestKit.StartAsync();
        var users = Enumerable.Range(1, 30).Select(i => $"u{i:00}").ToList();
        foreach (var user in users)
        {
            await kit.Emu.ControlAsync(HttpMethod.Post, "/_emulator/users", new { userId = user, nick = user.ToUpperInvariant() });
        }

        var messages = new List<Core.Inbound.InboundMessage>();
        foreach (var user in users)
        {
            messages.Add(await kit.InjectAsync("question of " + user, from: user));
        }

        var sinks = messages.Select(kit.Create).ToList();
        for (var step = 0; step < 20; step++)
        {
            for (var i = 0; i < sinks.Count; i++)
            {
                await sinks[i].WriteAsync(new ReplyTextDelta($"{users[i]}-{step} "), CancellationToken.None);
            }

            await kit.SettleAsync();
            kit.Emu.Time.Advance(CardTestKit.Step);
        }

        var outcomes = await kit.DriveAsync(Task.WhenAll(sinks.Select(s => s.CompleteAsync(ReplyEnd.Finished, null, CancellationToken.None))));

        Assert.DoesNotContain(kit.Emu.Recorder.HttpCalls, c => c.Status is 403 or 429);
        Assert.All(outcomes, o => Assert.Equal(ReplyMode.Card, o.Mode));
        for (var i = 0; i < sinks.Count; i++)
        {
            var expected = string.Concat(Enumerable.Range(0, 20).Select(step => $"{users[i]}-{step} "));
            var card = await kit.CardAsync(sinks[i].OutTrackId);
            Assert.Equal("FINISHED", (string?)card["state"]);
            Assert.Equal(expected, (string?)card["streamingContent"]!["msgContent"]);
            Assert.Equal($"dtv1.card//IM_ROBOT.{users[i]}", (string?)kit.Bodies(CreatePath, sinks[i].OutTrackId).Single()["openSpaceId"]);
        }

        Assert.Equal(30, kit.Emu.Calls(CreatePath).Count);
        Assert.True(kit.Emu.Calls(StreamingPath).Count > 30, "cards streamed intermediate updates");
    }
}
