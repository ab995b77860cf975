using DingGate.Agent.Tests.Support;
using DingGate.Cli.Tests.Support;
using DingGate.DingTalk.Tests.Support;
using Microsoft.Extensions.AI;

namespace DingGate.Cli.Tests.EndToEnd;

/// <summary>
/// What reaches the model and the chat for the kinds of message a user sends: a group @-mention answered in
/// markdown mode, a picture and a PDF downloaded through the emulator's media API and handed to the model.
/// </summary>
public sealed class MessageKindTests
{
    [Fact]
    public async Task GroupMentionInMarkdownMode_OneMarkdownReplyMentioningTheSender()
    {
        await using var emu = await EmulatorUnderTest.StartAsync();
        using var state = new TempDirectory();
        var model = new ScriptedChatClient { Script = call => ScriptedChatClient.Steps(call.Token, "**收到**，", "马上处理。") };
        await using var gateway = await GatewayUnderTest.StartAsync(emu, state.Path, model, s => s.MessageType = "markdown");

        await emu.InjectAsync(new { from = "user002", conversation = EmulatorUnderTest.GroupId, text = "帮我看看这个问题", atBot = true });
        var call = await model.WaitForCallAsync(1);
        await call.Ended.WaitAsync(TestWait.DefaultTimeout);
        IReadOnlyList<RecordedCall> messages = [];
        await TestWait.UntilAsync(async () => (messages = await Wire.MessagesAsync(emu)).Count > 0, "the group reply");

        var reply = Assert.Single(messages);
        Assert.Equal("/robot/sendBySession", reply.Path);
        var body = reply.Body;
        Assert.Equal("markdown", (string?)body["msgtype"]);
        Assert.Equal("@user002 **收到**，马上处理。", Wire.WebhookText(body));
        Assert.Equal(["user002"], body["at"]!["atUserIds"]!.AsArray().Select(n => (string)n!));
        Assert.Empty(await emu.CardIdsAsync());
        Assert.Contains("帮我看看这个问题", call.UserText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PictureMessage_ModelReceivesTheImageAsImageContent()
    {
        await using var emu = await EmulatorUnderTest.StartAsync();
        using var state = new TempDirectory();
        var model = new ScriptedChatClient { Script = call => ScriptedChatClient.Steps(call.Token, "一张很小的图片。") };
        await using var gateway = await GatewayUnderTest.StartAsync(emu, state.Path, model);

        await emu.InjectAsync(new
        {
            from = "user001", conversation = "dm", msgtype = "picture",
            file = new { name = "photo.png", contentType = "image/png", contentBase64 = Convert.ToBase64String(Fixtures.Png) },
        });
        var call = await model.WaitForCallAsync(1);

        var user = call.Messages[^1];
        Assert.Equal(ChatRole.User, user.Role);
        var image = Assert.Single(user.Contents.OfType<DataContent>());
        Assert.StartsWith("image/", image.MediaType, StringComparison.Ordinal);
        Assert.Equal(Fixtures.Png, image.Data.ToArray());
        var card = await emu.WaitForFinalizedCardAsync(await Wire.WaitForCardAsync(emu, 1));
        Assert.Equal("一张很小的图片。", Wire.CardContent(card));
    }

    [Fact]
    public async Task QuotedPicture_ModelReceivesItAsImageContentBeforeTheQuestion()
    {
        await using var emu = await EmulatorUnderTest.StartAsync();
        using var state = new TempDirectory();
        var model = new ScriptedChatClient { Script = call => ScriptedChatClient.Steps(call.Token, "图里是一个很小的方块。") };
        await using var gateway = await GatewayUnderTest.StartAsync(emu, state.Path, model, s => s.MessageType = "markdown");

        // The user quotes ("引用") an earlier picture of theirs and asks about it: repliedMsg with the picture's downloadCode.
        await emu.InjectAsync(new { from = "user001", conversation = "dm", text = "这张图里是什么？", quote = new { msgType = "picture", from = "user001" } });
        var call = await model.WaitForCallAsync(1);

        var user = call.Messages[^1];
        var image = Assert.Single(user.Contents.OfType<DataContent>());
        Assert.StartsWith("image/", image.MediaType, StringComparison.Ordinal);
        Assert.True(image.Data.Length > 0);
        var question = user.Contents.OfType<TextContent>().First(t => t.Text.Contains("这张图里是什么", StringComparison.Ordinal));
        Assert.True(user.Contents.IndexOf(image) < user.Contents.IndexOf(question));
        // Fetched through DingTalk's download API like a message's own picture.
        Assert.NotEmpty(await emu.CallsAsync("/v1.0/robot/messageFiles/download"));
    }

    [Fact]
    public async Task PdfFileMessage_ModelReceivesTheExtractedText()
    {
        await using var emu = await EmulatorUnderTest.StartAsync();
        using var state = new TempDirectory();
        var model = new ScriptedChatClient { Script = call => ScriptedChatClient.Steps(call.Token, "收入增长了 42%。") };
        await using var gateway = await GatewayUnderTest.StartAsync(emu, state.Path, model);
        var pdf = Fixtures.Pdf("Quarterly revenue grew 42 percent", "Second page mentions the budget");

        await emu.InjectAsync(new
        {
            from = "user001", conversation = "dm", msgtype = "file",
            file = new { name = "report.pdf", contentType = "application/pdf", contentBase64 = Convert.ToBase64String(pdf) },
        });
        var call = await model.WaitForCallAsync(1);

        var user = call.Messages[^1];
        Assert.Empty(user.Contents.OfType<DataContent>());
        var text = string.Join("\n", user.Contents.OfType<TextContent>().Select(t => t.Text));
        Assert.Contains("report.pdf", text, StringComparison.Ordinal);
        Assert.Contains("Quarterly revenue grew 42 percent", text, StringComparison.Ordinal);
        Assert.Contains("Second page mentions the budget", text, StringComparison.Ordinal);
        Assert.DoesNotContain("%PDF", text, StringComparison.Ordinal);
        var card = await emu.WaitForFinalizedCardAsync(await Wire.WaitForCardAsync(emu, 1));
        Assert.Equal("收入增长了 42%。", Wire.CardContent(card));
    }
}
