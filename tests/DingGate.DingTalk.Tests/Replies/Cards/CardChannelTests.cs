using System.Text.Json.Nodes;
using DingGate.Core.Replies;
using DingGate.DingTalk.Tests.Support;

namespace DingGate.DingTalk.Tests.Replies.Cards;

/// <summary>Card mode through the real channel (DI, dispatcher, reply factory) with <c>messageType: card</c>.</summary>
public sealed class CardChannelTests
{
    [Fact]
    public async Task Channel_CardModeGroupMention_CardDeliveredToGroupWithSenderAtAndFinished()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var state = new TempDirectory();
        await using var channel = await ChannelHarness.StartAsync(emu, state.Path, s => s.MessageType = "card");
        var outcomes = new List<ReplyOutcome>();
        channel.Handler.Respond = async (message, sink, ct) =>
        {
            await using (sink)
            {
                await sink.WriteAsync(new ReplyTextDelta("Group "), ct);
                await sink.WriteAsync(new ReplyTextDelta("answer."), ct);
                var outcome = await sink.CompleteAsync(ReplyEnd.Finished, null, ct);
                lock (outcomes)
                {
                    outcomes.Add(outcome);
                }
            }
        };

        await emu.ControlAsync(HttpMethod.Post, "/_emulator/messages", new { from = "user002", conversation = DingTalkTestEmulator.GroupId, text = "summarize" });
        await TestWait.UntilAsync(() => { lock (outcomes) { return outcomes.Count == 1; } }, "the reply completes");

        var create = JsonNode.Parse(Assert.Single(emu.Calls("/v1.0/card/instances/createAndDeliver")).RequestBody!)!;
        Assert.Equal("dtv1.card//IM_GROUP." + DingTalkTestEmulator.GroupId, (string?)create["openSpaceId"]);
        Assert.NotNull(create["imGroupOpenDeliverModel"]!["atUserIds"]!["user002"]);
        Assert.Equal("382e4302-551d-4880-bf29-a30acfab2e71.schema", (string?)create["cardTemplateId"]);
        var outTrackId = (string)create["outTrackId"]!;
        var card = (await emu.ControlAsync(HttpMethod.Get, "/_emulator/cards/" + outTrackId))!;
        Assert.Equal("FINISHED", (string?)card["state"]);
        Assert.Equal("Group answer.", (string?)card["streamingContent"]!["msgContent"]);
        Assert.Equal(ReplyMode.Card, outcomes[0].Mode);
        Assert.Empty(emu.Calls("/robot/sendBySession"));
    }

    [Fact]
    public async Task Channel_CardModeDm_CardToSenderAndJournalAnswered()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var state = new TempDirectory();
        await using var channel = await ChannelHarness.StartAsync(emu, state.Path, s => s.MessageType = "card");

        await emu.InjectTextAsync("hello");
        await TestWait.UntilAsync(() => emu.Calls("/v1.0/card/streaming").Count == 1, "the card is finalized");

        var create = JsonNode.Parse(Assert.Single(emu.Calls("/v1.0/card/instances/createAndDeliver")).RequestBody!)!;
        Assert.Equal("dtv1.card//IM_ROBOT.user001", (string?)create["openSpaceId"]);
        var final = JsonNode.Parse(emu.Calls("/v1.0/card/streaming")[0].RequestBody!)!;
        Assert.Equal(RecordingInboundHandler.DefaultAnswer, (string?)final["content"]);
        Assert.True((bool)final["isFinalize"]!);
        Assert.Empty(emu.Calls("/robot/sendBySession"));
    }
}
