using DingGate.Core.Replies;
using DingGate.Core.Storage;
using DingGate.DingTalk.Replies.Cards;
using DingGate.DingTalk.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace DingGate.DingTalk.Tests.Replies.Cards;

/// <summary>
/// A card whose streaming API is held shut by a per-minute limit: with flowStatus it ends at once through
/// <c>PUT /v1.0/card/instances</c> (FINISHED with the whole answer), so the turn does not hold its slot for a minute;
/// without flowStatus (streaming the only way) it waits for the next minute and finishes as a card. Never a markdown
/// fallback, never text lost or sent stale.
/// </summary>
public sealed class CardReplyThrottleTests
{
    private const string StreamingPath = "/v1.0/card/streaming";
    private const string InstancesPath = "/v1.0/card/instances";
    private const string UserTemplate = "00000000-aaaa-bbbb-cccc-000000000001.schema";
    private const string Answer = "First part of the answer. Second part, written while DingTalk holds the card.";

    // The kit's clock starts on a minute; the tests run twenty seconds into it.
    private static readonly DateTimeOffset MinuteBoundary = DingTalkTestEmulator.Start + TimeSpan.FromMinutes(1);

    [Fact]
    public async Task CompleteAsync_StreamingHeldByPerMinuteLimit_FinishedThroughInstancesWithTheWholeAnswerWithinTheMinute()
    {
        await using var kit = await CardTestKit.StartAsync();
        var (message, sink) = await StartThrottledAsync(kit);

        var outcome = await sink.CompleteAsync(ReplyEnd.Finished, null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        // Nothing waited for the minute: the fake clock never moved past it, and the card ended on the other API.
        Assert.True(kit.Emu.Time.GetUtcNow() < MinuteBoundary);
        Assert.All(kit.Emu.Recorder.HttpCalls, c => Assert.True(c.At < MinuteBoundary));
        var streaming = Assert.Single(kit.Emu.Calls(StreamingPath));
        Assert.Equal(403, streaming.Status);
        Assert.Equal(["create:1", "instances:2", "instances:3"], kit.Steps(sink.OutTrackId));
        var finished = kit.InstanceUpdates(sink.OutTrackId)[^1]["cardData"]!["cardParamMap"]!;
        Assert.Equal(("3", Answer), ((string?)finished["flowStatus"], (string?)finished["msgContent"]));
        var card = await kit.CardAsync(sink.OutTrackId);
        Assert.Equal(("FINISHED", false), ((string?)card["state"], (bool)card["spinning"]!));
        Assert.Equal(Answer, (string?)card["publicData"]!["msgContent"]);
        Assert.Equal((ReplyMode.Card, false, true), (outcome.Mode, outcome.FellBack, outcome.Delivered));
        Assert.Equal(0, await kit.MarkdownCountAsync(message.ConversationId, "First part"));
        Assert.Empty(kit.Emu.Calls("/v1.0/robot/oToMessages/batchSend"));
        Assert.Empty(kit.Emu.Calls("/robot/sendBySession"));
        // Recorded delivered (before the FINISHED call: a restart would make that same call), then forgotten once ended.
        Assert.Equal(["mark:" + sink.OutTrackId + ":Delivered", "remove:" + sink.OutTrackId], kit.Store.Log.TakeLast(2));
        Assert.Contains(kit.Logs.Entries, e => e.Message.Contains("ends with its whole answer through PUT /v1.0/card/instances", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CompleteAsync_FinalUpdateRefusedByPerMinuteLimit_DroppedAndFinishedThroughInstancesNotWaitedOut()
    {
        await using var kit = await CardTestKit.StartAsync();
        kit.Emu.Time.Advance(TimeSpan.FromSeconds(20));
        var message = await kit.InjectAsync("question");
        var sink = kit.Create(message);
        await TestWait.UntilAsync(() => kit.Store.Log.Contains("mark:" + sink.OutTrackId + ":Created"), "the card is created and recorded");
        await sink.WriteAsync(new ReplyTextDelta("A short answer."), CancellationToken.None);
        // The streaming API is open when the answer ends; its per-minute limit trips on the final update itself.
        await kit.AddFaultAsync(new { path = StreamingPath, kind = "QpmLimit", count = 1, method = "PUT" });

        var outcome = await sink.CompleteAsync(ReplyEnd.Finished, null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(kit.Emu.Time.GetUtcNow() < MinuteBoundary);
        var refused = Assert.Single(kit.Emu.Calls(StreamingPath));
        Assert.Equal(403, refused.Status);
        Assert.Equal(["create:1", "instances:2", "instances:3"], kit.Steps(sink.OutTrackId));
        Assert.Equal("A short answer.", (string?)kit.InstanceUpdates(sink.OutTrackId)[^1]["cardData"]!["cardParamMap"]!["msgContent"]);
        Assert.Equal("FINISHED", (string?)(await kit.CardAsync(sink.OutTrackId))["state"]);
        Assert.Equal((ReplyMode.Card, false), (outcome.Mode, outcome.FellBack));
        Assert.Equal(0, await kit.MarkdownCountAsync(message.ConversationId, "A short answer"));
    }

    [Fact]
    public async Task CompleteAsync_FlowStatusOffStreamingHeldByPerMinuteLimit_FinalizedOnceAfterTheMinuteNoMarkdown()
    {
        await using var kit = await CardTestKit.StartAsync(customize: a => a with { CardTemplateId = UserTemplate, CardTemplateKey = "content", CardFlowStatus = "off" });
        var (message, sink) = await StartThrottledAsync(kit);

        var completion = sink.CompleteAsync(ReplyEnd.Finished, null, CancellationToken.None);
        await kit.SettleAsync();
        Assert.Single(kit.Emu.Calls(StreamingPath));
        Assert.False(completion.IsCompleted);
        kit.Emu.Time.Advance(MinuteBoundary + TimeSpan.FromSeconds(2) - kit.Emu.Time.GetUtcNow());
        var outcome = await kit.DriveAsync(completion);

        var calls = kit.Emu.Calls(StreamingPath);
        Assert.Equal([403, 200], calls.Select(c => c.Status));
        Assert.Contains("Forbidden.AccessDenied.QpmLimitForAppkeyAndApi", calls[0].ResponseBody, StringComparison.Ordinal);
        Assert.True(calls[0].At < MinuteBoundary);
        Assert.True(calls[1].At >= MinuteBoundary, $"the final update went at {calls[1].At:O}, inside the throttled minute");
        var final = kit.Bodies(StreamingPath)[^1];
        Assert.Equal((true, false, Answer), ((bool)final["isFinalize"]!, (bool)final["isError"]!, (string?)final["content"]));
        // Exactly once: one accepted final update, no instances call, no second card, no markdown.
        Assert.Equal(["create:1", "finalize"], kit.Steps(sink.OutTrackId));
        Assert.DoesNotContain(kit.Emu.Recorder.HttpCalls, c => c.Method == "PUT" && c.Path == InstancesPath);
        var card = await kit.CardAsync(sink.OutTrackId);
        Assert.Equal("FINISHED", (string?)card["state"]);
        Assert.Equal(Answer, (string?)card["streamingContent"]!["content"]);
        Assert.Equal((ReplyMode.Card, false, true), (outcome.Mode, outcome.FellBack, outcome.Delivered));
        Assert.Equal(0, await kit.MarkdownCountAsync(message.ConversationId, "First part"));
        Assert.Empty(kit.Emu.Calls("/v1.0/robot/oToMessages/batchSend"));
        Assert.Empty(kit.Emu.Calls("/robot/sendBySession"));
        Assert.Equal("remove:" + sink.OutTrackId, kit.Store.Log[^1]);
    }

    [Fact]
    public async Task CompleteAsync_InstancesRefuseTheEarlyFinish_FinalStreamingUpdateAfterTheMinuteThenFinished()
    {
        await using var kit = await CardTestKit.StartAsync();
        var (message, sink) = await StartThrottledAsync(kit);
        await kit.AddFaultAsync(new { path = InstancesPath, kind = "Status", status = 400, count = 1, method = "PUT" });

        var completion = sink.CompleteAsync(ReplyEnd.Finished, null, CancellationToken.None);
        await kit.SettleAsync();
        Assert.False(completion.IsCompleted);
        kit.Emu.Time.Advance(MinuteBoundary + TimeSpan.FromSeconds(2) - kit.Emu.Time.GetUtcNow());
        var outcome = await kit.DriveAsync(completion);

        Assert.Equal(["create:1", "instances:2", "finalize", "instances:3"], kit.Steps(sink.OutTrackId));
        Assert.Equal(Answer, (string?)kit.Bodies(StreamingPath)[^1]["content"]);
        Assert.True(kit.Emu.Calls(StreamingPath)[^1].At >= MinuteBoundary);
        Assert.Equal("FINISHED", (string?)(await kit.CardAsync(sink.OutTrackId))["state"]);
        Assert.Equal((ReplyMode.Card, false), (outcome.Mode, outcome.FellBack));
        Assert.Equal(0, await kit.MarkdownCountAsync(message.ConversationId, "First part"));
        Assert.Contains(kit.Logs.Entries, e => e.Message.Contains("could not be ended through PUT /v1.0/card/instances", StringComparison.Ordinal));
        Assert.Equal("remove:" + sink.OutTrackId, kit.Store.Log[^1]);
    }

    [Fact]
    public async Task KilledBetweenTheDeliveredRecordAndTheInstancesFinish_NextStartEndsTheCardWithTheWholeAnswerAndClosesTheMessage()
    {
        await using var kit = await CardTestKit.StartAsync();
        var (message, sink) = await StartThrottledAsync(kit);
        // The FINISHED call hangs (on the fake clock): the process is "killed" while it is on the wire.
        await kit.AddFaultAsync(new { path = InstancesPath, kind = "Latency", delayMs = 600_000, count = 1, method = "PUT" });
        var completion = sink.CompleteAsync(ReplyEnd.Finished, null, CancellationToken.None);
        var messageKey = kit.Account.Id + ":" + message.MessageId;
        await TestWait.UntilAsync(() => kit.Store.Log.Contains("mark:" + sink.OutTrackId + ":Delivered"), "the card is recorded delivered");
        await kit.SettleAsync();
        Assert.Equal("INPUTING", (string?)(await kit.CardAsync(sink.OutTrackId))["state"]);
        var open = Assert.Single(await kit.Store.ListAsync(kit.Account.Id, CancellationToken.None));
        Assert.Equal((OpenCardState.Delivered, Answer, messageKey), (open.State, open.Content, open.MessageKey));

        // The next start: its journal still has the message unfinished, its api client knows no throttling.
        var journal = new InMemoryInboundJournal();
        await journal.AppendAsync(new InboundJournalEntry(kit.Account.Id, messageKey, "/v1.0/im/bot/messages/get", "{}", kit.Emu.Time.GetUtcNow()), CancellationToken.None);
        var resumable = new ResumableCards();
        var recovery = new OpenCardRecovery(
            kit.Account, new AiCardClient(kit.Account, kit.Emu.CreateClient(kit.Account)), kit.Store, kit.Emu.Time, NullLogger<OpenCardRecovery>.Instance,
            journal: journal, resumable: resumable);
        var result = await recovery.RecoverAsync(CancellationToken.None);

        Assert.Equal(new OpenCardRecoveryResult(1, 0, 0), result);
        Assert.Equal(0, resumable.Count);
        Assert.Equal(InboundState.Answered, (await journal.FindAsync(kit.Account.Id, messageKey, CancellationToken.None))!.State);
        var card = await kit.CardAsync(sink.OutTrackId);
        Assert.Equal(("FINISHED", Answer), ((string?)card["state"], (string?)card["publicData"]!["msgContent"]));
        Assert.Single(kit.Emu.Calls("/v1.0/card/instances/createAndDeliver"));
        Assert.Equal(0, await kit.MarkdownCountAsync(message.ConversationId, "First part"));

        // The killed run's call lands after all: the same FINISHED again, nothing else.
        kit.Emu.Time.Advance(TimeSpan.FromMinutes(11));
        await completion.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(("FINISHED", Answer), ((string?)(await kit.CardAsync(sink.OutTrackId))["state"], (string?)(await kit.CardAsync(sink.OutTrackId))["publicData"]!["msgContent"]));
    }

    // Twenty seconds into a minute: a card is created, its first intermediate update draws a per-minute limit (the api
    // client holds the streaming API shut until the next minute), and more text is written while it waits.
    private static async Task<(DingGate.Core.Inbound.InboundMessage Message, CardReplySink Sink)> StartThrottledAsync(CardTestKit kit)
    {
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
        return (message, sink);
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
