using System.Text.Json.Nodes;
using DingGate.Core.Inbound;
using DingGate.DingTalk.Tests.Support;

namespace DingGate.DingTalk.Tests.EndToEnd;

/// <summary>The whole receive path (stream → journal → ACK → dedup → parse → media → policy → handler) against the emulator.</summary>
public sealed class DingTalkChannelReceiveTests
{
    [Theory]
    [InlineData("dm", "text", InboundContentKind.Text)]
    [InlineData("dm", "markdown", InboundContentKind.Markdown)]
    [InlineData("dm", "richText", InboundContentKind.RichText)]
    [InlineData("dm", "picture", InboundContentKind.Picture)]
    [InlineData("dm", "audio", InboundContentKind.Audio)]
    [InlineData("dm", "video", InboundContentKind.Video)]
    [InlineData("dm", "file", InboundContentKind.File)]
    [InlineData("dm", "interactiveCard", InboundContentKind.InteractiveCard)]
    [InlineData("dm", "chatRecord", InboundContentKind.ChatRecord)]
    [InlineData("dm", "unknownMsgType", InboundContentKind.Unknown)]
    [InlineData("cidDemoGroup0001==", "text", InboundContentKind.Text)]
    [InlineData("cidDemoGroup0001==", "markdown", InboundContentKind.Markdown)]
    [InlineData("cidDemoGroup0001==", "richText", InboundContentKind.RichText)]
    [InlineData("cidDemoGroup0001==", "picture", InboundContentKind.Picture)]
    [InlineData("cidDemoGroup0001==", "interactiveCard", InboundContentKind.InteractiveCard)]
    [InlineData("cidDemoGroup0001==", "chatRecord", InboundContentKind.ChatRecord)]
    [InlineData("cidDemoGroup0001==", "unknownMsgType", InboundContentKind.Unknown)]
    public async Task Receive_EachMsgtype_ArrivesParsedWithMediaOnDisk(string conversation, string msgtype, InboundContentKind kind)
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var state = new TempDirectory();
        await using var channel = await ChannelHarness.StartAsync(emu, state.Path);

        var injected = await emu.ControlAsync(HttpMethod.Post, "/_emulator/messages", new
        {
            clientId = DingTalkTestEmulator.ClientId, from = "user002", conversation, msgtype, text = "你好 bot", recognition = "明天开会",
        });
        var msgId = injected!["msgId"]!.GetValue<string>();
        var message = await channel.Handler.WaitForAsync(m => m.MessageId == msgId);

        Assert.Equal(kind, message.Kind);
        Assert.Equal(conversation == "dm" ? ConversationKind.Direct : ConversationKind.Group, message.Conversation);
        Assert.Equal("user002", message.Sender.StaffId);
        Assert.False(string.IsNullOrWhiteSpace(message.Text));
        if (msgtype == "text")
        {
            Assert.Equal("你好 bot", message.Text);
        }

        if (msgtype == "audio")
        {
            Assert.Contains("明天开会", message.Text, StringComparison.Ordinal);
        }

        foreach (var attachment in message.Attachments)
        {
            Assert.True(File.Exists(attachment.LocalPath), $"{attachment.Kind} downloaded to {attachment.LocalPath}");
            Assert.StartsWith(state.Path, attachment.LocalPath, StringComparison.Ordinal);
            Assert.True(attachment.Size > 0);
        }

        if (msgtype is "picture" or "audio" or "video" or "file")
        {
            Assert.NotEmpty(message.Attachments);
        }

        await AssertAckedAsync(emu, injected["messageId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Receive_AcksWithheld_RedeliveryIsHandledExactlyOnce()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var state = new TempDirectory();
        await using var channel = await ChannelHarness.StartAsync(emu, state.Path);
        await emu.ControlAsync(HttpMethod.Put, "/_emulator/faults/stream", new { ignoreAcks = true });

        var injected = await emu.InjectTextAsync("only once please");
        var messageId = injected["messageId"]!.GetValue<string>();
        await channel.Handler.WaitForAsync(m => m.Text == "only once please");
        emu.Time.Advance(TimeSpan.FromSeconds(61));
        await TestWait.UntilAsync(async () => await PushAttemptsAsync(emu, messageId) == 2, "the emulator redelivers");
        await emu.InjectTextAsync("marker");
        await channel.Handler.WaitForAsync(m => m.Text == "marker");

        Assert.Single(channel.Handler.Messages, m => m.Text == "only once please");
    }

    [Fact]
    public async Task Receive_RedeliveryAfterClientRestart_IsRecognisedAndNotHandledAgain()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var state = new TempDirectory();
        await emu.ControlAsync(HttpMethod.Put, "/_emulator/faults/stream", new { ignoreAcks = true });
        string messageId;
        await using (var first = await ChannelHarness.StartAsync(emu, state.Path))
        {
            messageId = (await emu.InjectTextAsync("before restart"))["messageId"]!.GetValue<string>();
            await first.Handler.WaitForAsync(m => m.Text == "before restart");
            // Answered before the restart (an answer interrupted by the stop would rightly be answered again after it).
            await TestWait.UntilAsync(() => emu.Calls("/robot/sendBySession").Count == 1, "the answer is delivered");
        }

        await using var second = await ChannelHarness.StartAsync(emu, state.Path);
        emu.Time.Advance(TimeSpan.FromSeconds(61));
        await TestWait.UntilAsync(async () => await PushAttemptsAsync(emu, messageId) == 2, "the emulator redelivers to the new connection");
        await emu.InjectTextAsync("after restart");
        await second.Handler.WaitForAsync(m => m.Text == "after restart");

        Assert.DoesNotContain(second.Handler.Messages, m => m.Text == "before restart");
    }

    [Fact]
    public async Task Receive_TwoAccounts_EachHasItsOwnConnectionAndDedupNamespace()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync(o => o.Apps.Add(new DingGate.Emulator.EmulatedAppOptions { ClientId = "dingsecond", ClientSecret = "second-secret" }));
        using var state = new TempDirectory();
        var logs = new ScopeCapturingLoggerProvider();
        await using var channel = await ChannelHarness.StartAsync(emu, state.Path, s =>
        {
            s.Accounts["main"] = new Core.Configuration.DingTalkAccountSettings { ClientId = DingTalkTestEmulator.ClientId, ClientSecret = DingTalkTestEmulator.ClientSecret };
            s.Accounts["second"] = new Core.Configuration.DingTalkAccountSettings { ClientId = "dingsecond", ClientSecret = "second-secret" };
        }, logs);

        await emu.ControlAsync(HttpMethod.Post, "/_emulator/messages", new { clientId = "dingsecond", from = "user001", text = "to second" });
        await emu.InjectTextAsync("to main");
        var toSecond = await channel.Handler.WaitForAsync(m => m.Text == "to second");
        var toMain = await channel.Handler.WaitForAsync(m => m.Text == "to main");

        Assert.Equal(("second", "main"), (toSecond.AccountId, toMain.AccountId));
        var connections = (await emu.ControlAsync(HttpMethod.Get, "/_emulator/connections"))!.AsArray();
        Assert.Equal(["dingsecond", DingTalkTestEmulator.ClientId], connections.Where(c => c!["state"]!.GetValue<string>() == "active")
            .Select(c => c!["clientId"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        var streamLogs = logs.Entries.Where(e => e.Category.EndsWith("StreamClient", StringComparison.Ordinal)).ToList();
        Assert.Contains(streamLogs, e => Equals(e.Scope.GetValueOrDefault("Account"), "second"));
        Assert.Contains(streamLogs, e => Equals(e.Scope.GetValueOrDefault("Account"), "main"));
        Assert.All(streamLogs, e => Assert.True(e.Scope.ContainsKey("Account"), e.Message));
    }

    private static async Task<JsonNode?> FindPushAsync(DingTalkTestEmulator emu, string messageId) =>
        (await emu.PushesAsync()).FirstOrDefault(p => p!["messageId"]!.GetValue<string>() == messageId);

    private static async Task<int> PushAttemptsAsync(DingTalkTestEmulator emu, string messageId) =>
        (await FindPushAsync(emu, messageId))?["attempts"]?.GetValue<int>() ?? 0;

    private static async Task AssertAckedAsync(DingTalkTestEmulator emu, string messageId)
    {
        JsonNode? push = null;
        await TestWait.UntilAsync(
            async () => (push = await FindPushAsync(emu, messageId))?["state"]?.GetValue<string>() == "acked",
            "the emulator records the ACK");
        Assert.Equal(200, push!["ack"]!["code"]!.GetValue<int>());
    }
}
