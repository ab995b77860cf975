using DingGate.Core.Replies;
using DingGate.Core.Texts;
using DingGate.DingTalk.Api;
using DingGate.DingTalk.Replies.Cards;
using DingGate.DingTalk.Tests.Support;

namespace DingGate.DingTalk.Tests.Replies.Cards;

public sealed class CardReplySinkStreamingTests
{
    private const string CreatePath = "/v1.0/card/instances/createAndDeliver";
    private const string StreamingPath = "/v1.0/card/streaming";

    [Fact]
    public async Task CompleteAsync_TwentyDeltasOverTwoSeconds_Create1Inputing2StreamingFinalizeThenFinished3WithTheWholeAnswer()
    {
        await using var kit = await CardTestKit.StartAsync();
        var message = await kit.InjectAsync("explain");
        var sink = kit.Create(message);
        await TestWait.UntilAsync(() => kit.Store.Log.Contains("mark:" + sink.OutTrackId + ":Created"), "the card is created and recorded");
        var created = await kit.CardAsync(sink.OutTrackId);
        Assert.Equal("PROCESSING", (string?)created["state"]);

        var firstDeltaAt = kit.Emu.Time.GetUtcNow();
        var answer = string.Empty;
        for (var i = 0; i < 20; i++)
        {
            var delta = $"part {i} of the answer. ";
            answer += delta;
            await sink.WriteAsync(new ReplyTextDelta(delta), CancellationToken.None);
            kit.Emu.Time.Advance(CardTestKit.Step);
            await kit.SettleAsync();
        }

        var total = kit.Emu.Time.GetUtcNow() - firstDeltaAt;
        var outcome = await sink.CompleteAsync(ReplyEnd.Finished, null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        await sink.DisposeAsync();

        var create = Assert.Single(kit.Bodies(CreatePath));
        Assert.Equal("382e4302-551d-4880-bf29-a30acfab2e71.schema", (string?)create["cardTemplateId"]);
        Assert.Equal(sink.OutTrackId, (string?)create["outTrackId"]);
        Assert.Equal("STREAM", (string?)create["callbackType"]);
        Assert.Equal("dtv1.card//IM_ROBOT.user001", (string?)create["openSpaceId"]);
        Assert.Equal(
            [("msgContent", ""), ("flowStatus", "1"), ("stop_action", "true"), ("hasAction", "true"), ("config", """{"autoLayout":true}""")],
            create["cardData"]!["cardParamMap"]!.AsObject().Select(p => (p.Key, (string)p.Value!)));
        Assert.Equal(DingTalkTestEmulator.ClientId, (string?)create["imRobotOpenDeliverModel"]!["robotCode"]);

        var streaming = kit.Bodies(StreamingPath, sink.OutTrackId);
        var bound = (int)Math.Ceiling(total / CardTestKit.Interval) + 1;
        Assert.InRange(streaming.Count, 2, bound);
        Assert.All(streaming, b => Assert.True((bool)b["isFull"]! && (string?)b["key"] == "msgContent" && ((string?)b["content"])!.Length > 0));
        Assert.All(streaming.SkipLast(1), b => Assert.False((bool)b["isFinalize"]!));
        Assert.True((bool)streaming[^1]["isFinalize"]!);
        Assert.False((bool)streaming[^1]["isError"]!);
        Assert.Equal(answer, (string?)streaming[^1]["content"]);

        // The order on the wire: create "1", INPUTING "2" before any streaming, the streaming updates, the finalize
        // update, then FINISHED "3" with the whole answer (SDK-py AICardReplier / DingTalk's connector).
        var steps = kit.Steps(sink.OutTrackId);
        Assert.Equal(["create:1", "instances:2"], steps.Take(2));
        Assert.All(steps.Skip(2).SkipLast(2), step => Assert.Equal("stream", step));
        Assert.Equal(["finalize", "instances:3"], steps.TakeLast(2));
        var (inputing, finished) = (kit.InstanceUpdates(sink.OutTrackId)[0], kit.InstanceUpdates(sink.OutTrackId)[1]);
        var inputingMap = inputing["cardData"]!["cardParamMap"]!;
        Assert.Equal(
            ("2", (string?)streaming[0]["content"], "", """{"order":["msgContent"]}""", """{"autoLayout":true}"""),
            ((string?)inputingMap["flowStatus"], (string?)inputingMap["msgContent"], (string?)inputingMap["staticMsgContent"],
                (string?)inputingMap["sys_full_json_obj"], (string?)inputingMap["config"]));
        Assert.Equal(answer, (string?)finished["cardData"]!["cardParamMap"]!["msgContent"]);
        Assert.Equal(("3", "false", "false"), ((string?)finished["cardData"]!["cardParamMap"]!["flowStatus"],
            (string?)finished["cardData"]!["cardParamMap"]!["stop_action"], (string?)finished["cardData"]!["cardParamMap"]!["hasAction"]));
        Assert.True((bool)finished["cardUpdateOptions"]!["updateCardDataByKey"]!);
        Assert.True((bool)inputing["cardUpdateOptions"]!["updateCardDataByKey"]!);

        var card = await kit.CardAsync(sink.OutTrackId);
        Assert.Equal("FINISHED", (string?)card["state"]);
        Assert.False((bool)card["spinning"]!);
        Assert.Equal(answer, (string?)card["streamingContent"]!["msgContent"]);
        Assert.Equal(answer, (string?)card["publicData"]!["msgContent"]);
        var firstUpdate = card["history"]!.AsArray().First(h => (string?)h!["source"] == "streaming")!;
        Assert.True(firstUpdate["at"]!.GetValue<DateTimeOffset>() >= firstDeltaAt + CardTestKit.Interval, "the first intermediate update waits one interval");

        Assert.Equal(ReplyMode.Card, outcome.Mode);
        Assert.True(outcome.Delivered);
        Assert.False(outcome.FellBack);
        Assert.Equal(1, outcome.Messages);
        Assert.Equal(1, outcome.ApiCalls[ApiCallKinds.CardCreate]);
        Assert.Equal(streaming.Count, outcome.ApiCalls[ApiCallKinds.CardStreaming]);
        Assert.Equal(2, outcome.ApiCalls[ApiCallKinds.CardUpdate]);
        Assert.Equal(0, await kit.MarkdownCountAsync(message.ConversationId, "part 0"));

        Assert.Equal("add:" + sink.OutTrackId, kit.Store.Log[0]);
        Assert.Equal("remove:" + sink.OutTrackId, kit.Store.Log[^1]);
        Assert.Equal(streaming.Count - 1, kit.Store.Log.Count(l => l.StartsWith("update:", StringComparison.Ordinal)));
        Assert.Empty(await kit.Store.ListAsync(kit.Account.Id, CancellationToken.None));
        Assert.Equal(CardStopResult.UnknownCard, kit.Registry.TryStop(sink.OutTrackId, "user001"));
    }

    [Fact]
    public async Task WriteAsync_ReasoningStatusBeforeText_ShownAsQuoteLineAndNeverInFinalContent()
    {
        await using var kit = await CardTestKit.StartAsync();
        var message = await kit.InjectAsync("search something");
        var sink = kit.Create(message);
        await TestWait.UntilAsync(() => kit.Store.Log.Contains("mark:" + sink.OutTrackId + ":Created"), "the card is created and recorded");

        await sink.WriteAsync(new ReplyStatus(ReplyStatusKind.Reasoning, "searching the web"), CancellationToken.None);
        kit.Emu.Time.Advance(CardTestKit.Interval);
        await TestWait.UntilAsync(() => kit.Bodies(StreamingPath).Count == 1, "the status is streamed");
        await sink.WriteAsync(new ReplyTextDelta("Found it."), CancellationToken.None);
        var outcome = await sink.CompleteAsync(ReplyEnd.Finished, null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        var streaming = kit.Bodies(StreamingPath);
        Assert.Equal(["> searching the web", "Found it."], streaming.Select(b => (string?)b["content"]));
        Assert.Equal(ReplyMode.Card, outcome.Mode);
        var card = await kit.CardAsync(sink.OutTrackId);
        Assert.Equal("FINISHED", (string?)card["state"]);
        Assert.Equal("Found it.", (string?)card["streamingContent"]!["msgContent"]);
    }

    [Fact]
    public async Task CompleteAsync_NothingWritten_FinalizesWithEmptyAnswerTextAndNoEmptyStreaming()
    {
        await using var kit = await CardTestKit.StartAsync();
        var message = await kit.InjectAsync("hello");
        var sink = kit.Create(message);
        kit.Emu.Time.Advance(CardTestKit.Interval * 3);
        var outcome = await sink.CompleteAsync(ReplyEnd.Finished, null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        var streaming = Assert.Single(kit.Bodies(StreamingPath));
        Assert.Equal(ReplyTexts.EmptyAnswer.ZhCn, (string?)streaming["content"]);
        Assert.True((bool)streaming["isFinalize"]!);
        Assert.Equal(ReplyMode.Card, outcome.Mode);
    }

    [Fact]
    public async Task CompleteAsync_Failed_FinalizesWithIsErrorAndTheNote()
    {
        await using var kit = await CardTestKit.StartAsync();
        var message = await kit.InjectAsync("hello");
        var sink = kit.Create(message);
        await sink.WriteAsync(new ReplyTextDelta("Half an answer"), CancellationToken.None);
        var outcome = await sink.CompleteAsync(ReplyEnd.Failed, "model timeout", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        var final = Assert.Single(kit.Bodies(StreamingPath));
        Assert.True((bool)final["isFinalize"]! && (bool)final["isError"]!);
        Assert.Equal("Half an answer\n\n> " + ReplyTexts.Failed.ZhCn + "：model timeout", (string?)final["content"]);
        Assert.Equal(["create:1", "instances:2", "finalize", "instances:5"], kit.Steps(sink.OutTrackId));
        Assert.Equal((string?)final["content"], (string?)kit.InstanceUpdates(sink.OutTrackId)[^1]["cardData"]!["cardParamMap"]!["msgContent"]);
        var card = await kit.CardAsync(sink.OutTrackId);
        Assert.Equal("FAILED", (string?)card["state"]);
        Assert.Equal(ReplyMode.Card, outcome.Mode);
        Assert.True(outcome.Delivered);
    }

    [Fact]
    public async Task DisposeAsync_NeverCompleted_FinalizesAsInterrupted()
    {
        await using var kit = await CardTestKit.StartAsync();
        var message = await kit.InjectAsync("hello");
        var sink = kit.Create(message);
        await sink.WriteAsync(new ReplyTextDelta("Partial"), CancellationToken.None);
        await sink.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        var final = Assert.Single(kit.Bodies(StreamingPath));
        Assert.Equal("Partial\n\n> " + ReplyTexts.Interrupted.ZhCn, (string?)final["content"]);
        Assert.True((bool)final["isFinalize"]!);
        Assert.Equal(["create:1", "instances:2", "finalize", "instances:3"], kit.Steps(sink.OutTrackId));
        Assert.True(sink.IsCompleted);
    }

    [Fact]
    public async Task LocaleGivenAtCreate_OverridesTheAccountsLocale_TheInterruptedNoteIsEnglish()
    {
        // The factory passes the account's locale as the last config reload left it; the card's notes follow it.
        await using var kit = await CardTestKit.StartAsync();
        Assert.Equal(BotLocale.ZhCn, kit.Account.Locale);
        var message = await kit.InjectAsync("hello");
        var sink = kit.Cards.TryCreate(message, kit.Account.Id + ":" + message.MessageId, BotLocale.En)!;
        await sink.WriteAsync(new ReplyTextDelta("Partial"), CancellationToken.None);
        await sink.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        var final = Assert.Single(kit.Bodies(StreamingPath));
        Assert.Equal("Partial\n\n> " + ReplyTexts.Interrupted.En, (string?)final["content"]);
    }

    [Fact]
    public async Task StopRequested_OwnerStops_TokenCancelledOtherUserIsNotOwner()
    {
        await using var kit = await CardTestKit.StartAsync();
        var message = await kit.InjectAsync("long task");
        var sink = kit.Create(message);
        await TestWait.UntilAsync(() => kit.Registry.TryStop(sink.OutTrackId, "user002") == CardStopResult.NotOwner, "the card is registered");
        Assert.False(sink.StopRequested.IsCancellationRequested);

        Assert.Equal(CardStopResult.Stopped, kit.Registry.TryStop(sink.OutTrackId, "user001"));
        Assert.True(sink.StopRequested.IsCancellationRequested);

        await sink.WriteAsync(new ReplyTextDelta("Started"), CancellationToken.None);
        var outcome = await sink.CompleteAsync(ReplyEnd.Stopped, null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(ReplyEnd.Stopped, outcome.End);
        var final = Assert.Single(kit.Bodies(StreamingPath));
        Assert.Equal("Started\n\n> " + ReplyTexts.Stopped.ZhCn, (string?)final["content"]);
        Assert.Equal(["create:1", "instances:2", "finalize", "instances:3"], kit.Steps(sink.OutTrackId));
        Assert.Equal("Started\n\n> " + ReplyTexts.Stopped.ZhCn, (string?)kit.InstanceUpdates(sink.OutTrackId)[^1]["cardData"]!["cardParamMap"]!["msgContent"]);
        Assert.Equal("FINISHED", (string?)(await kit.CardAsync(sink.OutTrackId))["state"]);
        Assert.Equal(CardStopResult.UnknownCard, kit.Registry.TryStop(sink.OutTrackId, "user001"));
    }

    [Fact]
    public async Task TryCreate_ExternalSenderInDm_NoCardSoMarkdown()
    {
        await using var kit = await CardTestKit.StartAsync();
        var message = await kit.InjectAsync("hi", from: "ext001");
        Assert.Null(message.Sender.StaffId);
        Assert.Null(kit.Cards.TryCreate(message, "k"));
    }
}
