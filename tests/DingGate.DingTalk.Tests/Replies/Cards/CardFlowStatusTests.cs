using DingGate.Core.Replies;
using DingGate.Core.Storage;
using DingGate.DingTalk.Api;
using DingGate.DingTalk.Replies.Cards;
using DingGate.DingTalk.Tests.Support;

namespace DingGate.DingTalk.Tests.Replies.Cards;

// cardFlowStatus and the end of a card (FINISHED "3") on the real emulator, asserted on recorded traffic.
public sealed class CardFlowStatusTests
{
    private const string InstancesPath = "/v1.0/card/instances";
    private const string StreamingPath = "/v1.0/card/streaming";
    private const string UserTemplate = "00000000-aaaa-bbbb-cccc-000000000001.schema";

    [Fact]
    public async Task CardFlowStatusOff_UserBuiltStreamingTemplate_NoInstancePutsAndStreamingFinishesTheCard()
    {
        await using var kit = await CardTestKit.StartAsync(customize: a => a with { CardTemplateId = UserTemplate, CardTemplateKey = "content", CardFlowStatus = "off" });
        Assert.False(kit.Account.UsesCardFlowStatus);
        var message = await kit.InjectAsync("hello");
        var sink = kit.Create(message);
        await sink.WriteAsync(new ReplyTextDelta("Answer"), CancellationToken.None);
        kit.Emu.Time.Advance(CardTestKit.Interval);
        await TestWait.UntilAsync(() => kit.Steps(sink.OutTrackId).Contains("stream"), "an intermediate update");

        var outcome = await sink.CompleteAsync(ReplyEnd.Finished, null, CancellationToken.None).WaitAsync(TestWait.DefaultTimeout);

        Assert.DoesNotContain(kit.Emu.Recorder.HttpCalls, c => c.Method == "PUT" && c.Path == InstancesPath);
        Assert.Equal(["create:1", "stream", "finalize"], kit.Steps(sink.OutTrackId));
        var card = await kit.CardAsync(sink.OutTrackId);
        Assert.Equal(("FINISHED", "streaming", "Answer"), ((string?)card["state"], (string?)card["lifecycle"], (string?)card["streamingContent"]!["content"]));
        Assert.False(outcome.ApiCalls.ContainsKey(ApiCallKinds.CardUpdate));
    }

    [Fact]
    public async Task CardFlowStatusOff_BuiltInTemplate_EmulatorShowsTheCardStillSpinningAfterFinalize()
    {
        await using var kit = await CardTestKit.StartAsync(customize: a => a with { CardFlowStatus = "off" });
        var message = await kit.InjectAsync("hello");
        var sink = kit.Create(message);
        await sink.WriteAsync(new ReplyTextDelta("Answer"), CancellationToken.None);

        await sink.CompleteAsync(ReplyEnd.Finished, null, CancellationToken.None).WaitAsync(TestWait.DefaultTimeout);

        Assert.Equal(["create:1", "finalize"], kit.Steps(sink.OutTrackId));
        var card = await kit.CardAsync(sink.OutTrackId);
        Assert.True((bool)card["finalized"]!);
        Assert.True((bool)card["spinning"]!, "the built-in template leaves PROCESSING only through flowStatus");
        Assert.Equal(("PROCESSING", "flowStatus", "1"), ((string?)card["state"], (string?)card["lifecycle"], (string?)card["flowStatus"]));
    }

    [Fact]
    public async Task CardFlowStatusOn_UserTemplate_DrivesFlowStatusToo()
    {
        await using var kit = await CardTestKit.StartAsync(customize: a => a with { CardTemplateId = UserTemplate, CardTemplateKey = "content", CardFlowStatus = "on" });
        var message = await kit.InjectAsync("hello");
        var sink = kit.Create(message);
        await sink.WriteAsync(new ReplyTextDelta("Answer"), CancellationToken.None);

        await sink.CompleteAsync(ReplyEnd.Finished, null, CancellationToken.None).WaitAsync(TestWait.DefaultTimeout);

        Assert.Equal(["create:1", "instances:2", "finalize", "instances:3"], kit.Steps(sink.OutTrackId));
        var final = kit.InstanceUpdates(sink.OutTrackId)[^1]["cardData"]!["cardParamMap"]!.AsObject();
        Assert.Equal(["flowStatus", "content", "stop_action", "hasAction"], final.Select(p => p.Key));
    }

    [Fact]
    public async Task CompleteAsync_FinishedRefusedByAnOutage_KeptOpenAsDeliveredAndTheNextStartEndsItWithTheAnswerAndNoInterruptedNote()
    {
        await using var kit = await CardTestKit.StartAsync();
        var message = await kit.InjectAsync("question");
        var sink = kit.Create(message);
        await TestWait.UntilAsync(() => kit.Store.Log.Contains("mark:" + sink.OutTrackId + ":Created"), "the card is created and recorded");
        await sink.WriteAsync(new ReplyTextDelta("The whole answer."), CancellationToken.None);
        kit.Emu.Time.Advance(CardTestKit.Interval);
        await TestWait.UntilAsync(() => kit.Steps(sink.OutTrackId).Contains("stream"), "INPUTING and an intermediate update");
        await kit.AddFaultAsync(new { path = InstancesPath, kind = "Status", status = 503, count = 1000, method = "PUT" });

        var outcome = await kit.DriveAsync(sink.CompleteAsync(ReplyEnd.Finished, null, CancellationToken.None));

        Assert.Equal((ReplyMode.Card, true, false), (outcome.Mode, outcome.Delivered, outcome.FellBack));
        Assert.Equal(0, await kit.MarkdownCountAsync(message.ConversationId, "The whole answer."));
        var refused = kit.Emu.Recorder.HttpCalls.Count(c => c.Method == "PUT" && c.Path == InstancesPath && c.Status == 503);
        Assert.True(refused > 4, $"the FINISHED update is tried again after the api client's own retries ({refused} refused calls)");
        var card = await kit.CardAsync(sink.OutTrackId);
        Assert.True((bool)card["spinning"]!);
        var open = Assert.Single(await kit.Store.ListAsync(kit.Account.Id, CancellationToken.None));
        Assert.Equal(("The whole answer.", OpenCardState.Delivered), (open.Content, open.State));
        Assert.DoesNotContain("remove:" + sink.OutTrackId, kit.Store.Log);
        var streamed = kit.Emu.Calls(StreamingPath).Count;
        Assert.Contains(kit.Logs.Entries, e => e.Message.Contains("could not be set to its final state", StringComparison.Ordinal));

        await kit.Emu.ControlAsync(HttpMethod.Delete, "/_emulator/faults");
        var recovery = new OpenCardRecovery(kit.Account, new AiCardClient(kit.Account, kit.Api), kit.Store, kit.Emu.Time, new RecordingLogger<OpenCardRecovery>());
        Assert.Equal(new OpenCardRecoveryResult(1, 0, 0), await recovery.RecoverAsync(CancellationToken.None));

        card = await kit.CardAsync(sink.OutTrackId);
        Assert.Equal(("FINISHED", false), ((string?)card["state"], (bool)card["spinning"]!));
        // Its answer was delivered: ended with it as it is, no "interrupted" note, no second final streaming update.
        Assert.Equal("The whole answer.", (string?)card["publicData"]!["msgContent"]);
        Assert.Equal("The whole answer.", (string?)card["streamingContent"]!["msgContent"]);
        Assert.Equal(streamed, kit.Emu.Calls(StreamingPath).Count);
        Assert.Equal(["create:1", "instances:2", "stream", "finalize", "instances:3"], kit.Steps(sink.OutTrackId));
        Assert.Empty(await kit.Store.ListAsync(kit.Account.Id, CancellationToken.None));
    }
}
