using System.Text;
using System.Text.Json.Nodes;
using DingGate.Core.Replies;
using DingGate.DingTalk.Tests.Support;
using DingGate.Emulator.Recording;

namespace DingGate.DingTalk.Tests.EndToEnd;

/// <summary>
/// Downloads run per conversation: a download held by the emulator (a latency fault on the download route, on the fake
/// clock, so it stays held until the test moves the clock) in one conversation does not delay another conversation's
/// answer, and the held conversation's next message waits for it (arrival order per conversation). Asserted on the
/// order of the emulator's recorded traffic (calls are recorded when they complete), not on durations.
/// </summary>
public sealed class ConversationLaneTests
{
    private const string DownloadRoute = "/v1.0/robot/messageFiles/download";

    [Fact]
    public async Task SlowDownloadInOneConversation_DoesNotDelayAnotherConversationsAnswer()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var state = new TempDirectory();
        await using var channel = await ChannelHarness.StartAsync(emu, state.Path);
        channel.Handler.Respond = AnswerNamingTheMessageAsync;
        await HoldNextDownloadAsync(emu);

        var slow = await InjectAsync(emu, "user001", new { msgtype = "file", file = FileContent("slow.pdf") });
        await WaitUntilDownloadHeldAsync(emu);
        await InjectAsync(emu, "user002", new { text = "B-quick" });
        await WaitForReplyAsync(emu, "answer to B-quick");
        var heldWhileBAnswered = emu.Calls(DownloadRoute).Count == 0 && channel.Handler.Messages.All(m => m.MessageId != slow);

        emu.Time.Advance(TimeSpan.FromMinutes(10));
        var slowMessage = await channel.Handler.WaitForAsync(m => m.MessageId == slow);
        await WaitForReplyAsync(emu, "answer to the file");

        Assert.True(heldWhileBAnswered, "B was answered while A's download was still held");
        Assert.True(Sequence(emu, c => c.Path == DownloadRoute) > ReplySequence(emu, "answer to B-quick"), "B's answer is on the wire before A's download completed");
        Assert.True(File.Exists(Assert.Single(slowMessage.Attachments).LocalPath));
    }

    [Fact]
    public async Task HeldDownload_SameConversationsNextMessageWaits_AnswersKeepArrivalOrder()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var state = new TempDirectory();
        await using var channel = await ChannelHarness.StartAsync(emu, state.Path);
        channel.Handler.Respond = AnswerNamingTheMessageAsync;
        await HoldNextDownloadAsync(emu);

        var first = await InjectAsync(emu, "user001", new { msgtype = "file", file = FileContent("first.pdf") });
        await WaitUntilDownloadHeldAsync(emu);
        var second = await InjectAsync(emu, "user001", new { text = "A-second" });
        await InjectAsync(emu, "user002", new { text = "B-other" });
        await WaitForReplyAsync(emu, "answer to B-other");
        var handledWhileHeld = channel.Handler.Messages.Select(m => m.MessageId).ToList();

        emu.Time.Advance(TimeSpan.FromMinutes(10));
        await channel.Handler.WaitForAsync(m => m.MessageId == second);
        await WaitForReplyAsync(emu, "answer to A-second");

        Assert.DoesNotContain(first, handledWhileHeld);
        Assert.DoesNotContain(second, handledWhileHeld);
        var order = channel.Handler.Messages.Select(m => m.MessageId).Where(id => id == first || id == second).ToList();
        Assert.Equal([first, second], order);
        Assert.True(
            ReplySequence(emu, "answer to the file") < ReplySequence(emu, "answer to A-second"),
            "the conversation's answers are on the wire in arrival order");
    }

    [Fact]
    public async Task ManyMessagesInOneConversation_AreHandledInArrivalOrder_WhileOtherConversationsInterleave()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var state = new TempDirectory();
        await using var channel = await ChannelHarness.StartAsync(emu, state.Path);
        var expected = new Dictionary<string, List<string>> { ["user001"] = [], ["user002"] = [], ["user003"] = [] };

        // 15 answers: under the account's 20 calls per second, which waits on the fake clock (never moved here).
        for (var i = 0; i < 5; i++)
        {
            foreach (var user in expected.Keys)
            {
                expected[user].Add(await InjectAsync(emu, user, new { text = $"{user}-{i}" }));
            }
        }

        await TestWait.UntilAsync(() => channel.Handler.Messages.Count == 15, "all 15 messages are handled");
        foreach (var (user, ids) in expected)
        {
            Assert.Equal(ids, channel.Handler.Messages.Where(m => m.Sender.StaffId == user).Select(m => m.MessageId));
        }
    }

    private static async Task AnswerNamingTheMessageAsync(Core.Inbound.InboundMessage message, IReplySink reply, CancellationToken cancellationToken)
    {
        await using (reply)
        {
            // ASCII only, so the text is found verbatim in the recorded JSON body.
            var what = message.Attachments.Count > 0 ? "the file" : message.Text;
            await reply.WriteAsync(new ReplyTextDelta("answer to " + what), cancellationToken);
            await reply.CompleteAsync(ReplyEnd.Finished, null, cancellationToken);
        }
    }

    // The next download-code exchange waits 10 minutes of the emulator's fake clock: held until the test advances it.
    private static Task HoldNextDownloadAsync(DingTalkTestEmulator emu) =>
        emu.ControlAsync(HttpMethod.Post, "/_emulator/faults", new { path = DownloadRoute, kind = "Latency", delayMs = 600_000, count = 1 });

    // A counted fault is removed when a call takes it: the download request has reached the emulator and is held.
    private static Task WaitUntilDownloadHeldAsync(DingTalkTestEmulator emu) =>
        TestWait.UntilAsync(
            async () => (await emu.ControlAsync(HttpMethod.Get, "/_emulator/faults"))!["routes"]!.AsArray().Count == 0,
            "the download request is held by the emulator");

    private static async Task<string> InjectAsync(DingTalkTestEmulator emu, string from, object content)
    {
        var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(content))!.AsObject();
        body["clientId"] = DingTalkTestEmulator.ClientId;
        body["from"] = from;
        body["conversation"] = "dm";
        var answer = await emu.ControlAsync(HttpMethod.Post, "/_emulator/messages", body);
        return answer!["msgId"]!.GetValue<string>();
    }

    private static object FileContent(string name) =>
        new { name, contentType = "application/pdf", contentBase64 = Convert.ToBase64String(Encoding.UTF8.GetBytes("%PDF-1.4 " + name)) };

    private static Task WaitForReplyAsync(DingTalkTestEmulator emu, string text) =>
        TestWait.UntilAsync(() => FindReply(emu, text) is not null, $"the reply '{text}' on the wire");

    private static RecordedHttpCall? FindReply(DingTalkTestEmulator emu, string text) =>
        emu.Recorder.HttpCalls.FirstOrDefault(c => c.Path == "/robot/sendBySession" && c.Status == 200 && c.RequestBody.Contains(text, StringComparison.Ordinal));

    private static long ReplySequence(DingTalkTestEmulator emu, string text) => FindReply(emu, text)!.Sequence;

    private static long Sequence(DingTalkTestEmulator emu, Func<RecordedHttpCall, bool> match) => emu.Recorder.HttpCalls.First(match).Sequence;
}
