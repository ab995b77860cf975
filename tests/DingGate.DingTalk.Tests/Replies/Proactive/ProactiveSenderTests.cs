using DingGate.Core.Replies;
using DingGate.DingTalk.Replies.Markdown;
using DingGate.DingTalk.Tests.Replies.Media;
using DingGate.DingTalk.Tests.Support;

namespace DingGate.DingTalk.Tests.Replies.Proactive;

/// <summary>Proactive sends (user:/group: targets, text then files) against the emulator.</summary>
public sealed class ProactiveSenderTests
{
    [Fact]
    public async Task Send_PlainTextToUser_OneSampleTextRecordedAndKeyReturned()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        var kit = new MediaKit(emu);

        var receipt = await kit.Proactive.SendAsync(MediaKit.User("user002"), new OutboundMessage { Text = "构建成功" }, CancellationToken.None);

        var send = Assert.Single(kit.RobotSends());
        Assert.Equal((MediaKit.OtoPath, "sampleText"), (send.Path, send.MsgKey));
        Assert.Equal("构建成功", send.Param["content"]!.GetValue<string>());
        Assert.Equal("user002", Assert.Single(send.Body["userIds"]!.AsArray())!.GetValue<string>());
        Assert.Equal(DingTalkTestEmulator.ClientId, send.Body["robotCode"]!.GetValue<string>());
        var key = Assert.Single(receipt.MessageKeys);
        Assert.Equal(System.Text.Json.Nodes.JsonNode.Parse(emu.Calls(MediaKit.OtoPath)[0].ResponseBody)!["processQueryKey"]!.GetValue<string>(), key);
        Assert.Equal(1, receipt.ApiCalls["oto_send"]);
    }

    [Fact]
    public async Task Send_MarkdownToGroup_SampleMarkdownWithTitleRecorded()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        var kit = new MediaKit(emu);

        var receipt = await kit.Proactive.SendAsync(
            MediaKit.Group(), new OutboundMessage { Text = "## 日报\n\n- 完成 **发布**" }, CancellationToken.None);

        var send = Assert.Single(kit.RobotSends());
        Assert.Equal((MediaKit.GroupPath, "sampleMarkdown"), (send.Path, send.MsgKey));
        Assert.Equal(DingTalkTestEmulator.GroupId, send.Body["openConversationId"]!.GetValue<string>());
        Assert.Equal("## 日报\n\n- 完成 **发布**", send.Param["text"]!.GetValue<string>());
        Assert.Equal(ReplyTitle.From("## 日报\n\n- 完成 **发布**"), send.Param["title"]!.GetValue<string>());
        Assert.Single(receipt.MessageKeys);
        Assert.Equal(1, receipt.ApiCalls["group_send"]);
    }

    [Fact]
    public async Task Send_MarkdownForcedWithTitle_UsesGivenTitle()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        var kit = new MediaKit(emu);

        await kit.Proactive.SendAsync(MediaKit.User(), new OutboundMessage { Text = "plain words", Markdown = true, Title = "提醒" }, CancellationToken.None);

        var send = Assert.Single(kit.RobotSends());
        Assert.Equal("sampleMarkdown", send.MsgKey);
        Assert.Equal("""{"title":"提醒","text":"plain words"}""", send.Param.ToJsonString(WireJson.Options));
    }

    [Fact]
    public async Task Send_LongMarkdown_SplitIntoNumberedMessagesThatConcatenateToTheText()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        var kit = new MediaKit(emu);
        var text = "# Report\n\n" + string.Join("\n", Enumerable.Range(1, 400).Select(i => $"- line {i} of the long report"));
        Assert.True(text.Length > 2 * MarkdownChunker.DefaultLimit);

        var receipt = await kit.Proactive.SendAsync(MediaKit.User(), new OutboundMessage { Text = text }, CancellationToken.None);

        var sends = kit.RobotSends();
        Assert.Equal(MarkdownChunker.Split(text).Count, sends.Count);
        Assert.True(sends.Count >= 3);
        Assert.All(sends, s => Assert.Equal("sampleMarkdown", s.MsgKey));
        Assert.Equal(text, string.Concat(sends.Select(s => s.Param["text"]!.GetValue<string>())));
        Assert.All(sends, s => Assert.True(s.Param["text"]!.GetValue<string>().Length <= MarkdownChunker.DefaultLimit));
        Assert.Equal($"Report (2/{sends.Count})", sends[1].Param["title"]!.GetValue<string>());
        Assert.Equal(sends.Count, receipt.MessageKeys.Count);
        Assert.Equal(sends.Count, receipt.MessageKeys.Distinct().Count());
    }

    [Fact]
    public async Task Send_TextAndFiles_TextFirstThenImageAndFileWithEveryKey()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var dir = new TempDirectory();
        var kit = new MediaKit(emu);
        var (image, imageBytes) = MediaKit.WriteFile(dir, "chart.png");
        var (pdf, _) = MediaKit.WriteFile(dir, "report.pdf");

        var receipt = await kit.Proactive.SendAsync(
            MediaKit.Group(),
            new OutboundMessage { Text = "weekly numbers", Files = [OutboundFile.FromPath(image), OutboundFile.FromPath(pdf)] },
            CancellationToken.None);

        var sends = kit.RobotSends();
        Assert.Equal(["sampleText", "sampleImageMsg", "sampleFile"], sends.Select(s => s.MsgKey));
        var imageId = sends[1].Param["photoURL"]!.GetValue<string>();
        Assert.Equal(imageBytes, (await kit.UploadedAsync(imageId)).Bytes);
        Assert.Equal("report.pdf", sends[2].Param["fileName"]!.GetValue<string>());
        Assert.Equal(3, receipt.MessageKeys.Count);
        Assert.Equal(2, receipt.ApiCalls["media_upload"]);
        Assert.Equal(3, receipt.ApiCalls["group_send"]);
    }

    [Fact]
    public async Task Send_InvalidStaffId_MessageSendExceptionNamingTheTarget()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        var kit = new MediaKit(emu);

        var ex = await Assert.ThrowsAsync<MessageSendException>(
            () => kit.Proactive.SendAsync(MediaKit.User("nosuchuser"), new OutboundMessage { Text = "hello" }, CancellationToken.None));

        Assert.Contains("user:nosuchuser", ex.Message, StringComparison.Ordinal);
        Assert.Equal(MediaKit.User("nosuchuser"), ex.Target);
        Assert.Single(emu.Calls(MediaKit.OtoPath));
    }

    /// <summary>batchSend answers 200 with the user in one of its lists: an explicit per-user failure, never a silent success.</summary>
    [Theory]
    [InlineData("blocker001", "filtered", "filteredStaffIdList")]
    [InlineData("busy001", "flow-controlled", "flowControlledStaffIdList")]
    [InlineData("ext001", "not a valid staff id", "invalidStaffIdList")]
    public async Task Send_UserListedAsNotReached_MessageSendExceptionWithTheOutcome(string user, string outcome, string list)
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        await emu.ControlAsync(HttpMethod.Post, "/_emulator/users", new { userId = "busy001", nick = "Busy", flowControlled = true });
        var kit = new MediaKit(emu);

        var ex = await Assert.ThrowsAsync<MessageSendException>(
            () => kit.Proactive.SendAsync(MediaKit.User(user), new OutboundMessage { Text = "hello" }, CancellationToken.None));

        Assert.Equal(MediaKit.User(user), ex.Target);
        Assert.Contains($"user:{user}", ex.Message, StringComparison.Ordinal);
        Assert.Contains(outcome, ex.Message, StringComparison.Ordinal);
        Assert.Contains(list, ex.Message, StringComparison.Ordinal);
        var call = Assert.Single(emu.Calls(MediaKit.OtoPath));
        Assert.Equal(200, call.Status);
        Assert.Contains($"\"{list}\":[\"{user}\"]", call.ResponseBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_UnknownGroup_MessageSendExceptionNamingTheGroup()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        var kit = new MediaKit(emu);

        var ex = await Assert.ThrowsAsync<MessageSendException>(
            () => kit.Proactive.SendAsync(MediaKit.Group("cidNoSuchGroup==") , new OutboundMessage { Text = "hello" }, CancellationToken.None));

        Assert.Contains("group:cidNoSuchGroup==", ex.Message, StringComparison.Ordinal);
        Assert.Contains("invalid.openConversationId", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_EmptyMessage_ClearErrorAndNoCall()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        var kit = new MediaKit(emu);

        var ex = await Assert.ThrowsAsync<MessageSendException>(
            () => kit.Proactive.SendAsync(MediaKit.User(), new OutboundMessage { Text = "  " }, CancellationToken.None));

        Assert.Contains("empty", ex.Message, StringComparison.Ordinal);
        Assert.Contains("user:user001", ex.Message, StringComparison.Ordinal);
        Assert.Empty(emu.Calls("/v1.0/robot/"));
    }

    [Fact]
    public async Task Send_OversizeFile_RejectedBeforeTextOrUpload()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var dir = new TempDirectory();
        var kit = new MediaKit(emu);
        var huge = MediaKit.WriteSparseFile(dir, "huge.pdf", 21L * 1024 * 1024);

        var ex = await Assert.ThrowsAsync<MessageSendException>(() => kit.Proactive.SendAsync(
            MediaKit.User(), new OutboundMessage { Text = "see attachment", Files = [OutboundFile.FromPath(huge)] }, CancellationToken.None));

        Assert.Contains("user:user001", ex.Message, StringComparison.Ordinal);
        Assert.Contains("huge.pdf", ex.Message, StringComparison.Ordinal);
        Assert.Contains("20 MB", ex.Message, StringComparison.Ordinal);
        Assert.Empty(emu.Calls(MediaKit.UploadPath));
        Assert.Empty(kit.RobotSends());
    }

    [Fact]
    public async Task Send_VoiceOnly_SampleAudioWithDuration()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var dir = new TempDirectory();
        var kit = new MediaKit(emu);
        var (voice, _) = MediaKit.WriteFile(dir, "memo.amr");

        var receipt = await kit.Proactive.SendAsync(
            MediaKit.User(), new OutboundMessage { Files = [OutboundFile.FromPath(voice, TimeSpan.FromMilliseconds(3200))] }, CancellationToken.None);

        var send = Assert.Single(kit.RobotSends());
        Assert.Equal("sampleAudio", send.MsgKey);
        Assert.Equal("3200", send.Param["duration"]!.GetValue<string>());
        Assert.Single(receipt.MessageKeys);
    }
}
