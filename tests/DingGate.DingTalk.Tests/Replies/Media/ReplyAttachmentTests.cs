using System.Text.Json.Nodes;
using DingGate.Core.Replies;
using DingGate.DingTalk.Tests.Support;

namespace DingGate.DingTalk.Tests.Replies.Media;

/// <summary>Files written to a markdown reply, end to end through the channel: images inside the answer, files after it, notes for failures.</summary>
public sealed class ReplyAttachmentTests
{
    private const string WebhookPath = "/robot/sendBySession";

    [Fact]
    public async Task MarkdownReply_ImageAndPdf_ImageEmbeddedInAnswerThenFileSentToSender()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var state = new TempDirectory();
        using var files = new TempDirectory();
        var (image, imageBytes) = MediaKit.WriteFile(files, "chart.png");
        var (pdf, pdfBytes) = MediaKit.WriteFile(files, "report.pdf");
        await using var channel = await ChannelHarness.StartAsync(emu, state.Path);
        var outcome = RespondWith(channel, "Here is the chart.", OutboundFile.FromPath(image), OutboundFile.FromPath(pdf));

        await emu.InjectTextAsync("draw it");
        var result = await outcome.Task.WaitAsync(TestWait.DefaultTimeout);

        var uploads = await UploadsAsync(emu);
        Assert.Equal(2, uploads.Count);
        var imageId = uploads.Single(u => u["fileName"]!.GetValue<string>() == "chart.png")["mediaId"]!.GetValue<string>();
        var pdfId = uploads.Single(u => u["fileName"]!.GetValue<string>() == "report.pdf")["mediaId"]!.GetValue<string>();
        var webhook = JsonNode.Parse(Assert.Single(emu.Calls(WebhookPath)).RequestBody)!;
        Assert.Equal("markdown", webhook["msgtype"]!.GetValue<string>());
        Assert.Equal($"Here is the chart.\n\n![chart.png]({imageId})", webhook["markdown"]!["text"]!.GetValue<string>());
        var send = Assert.Single(new MediaKit(emu).RobotSends());
        Assert.Equal((MediaKit.OtoPath, "sampleFile"), (send.Path, send.MsgKey));
        Assert.Equal("user001", send.Body["userIds"]![0]!.GetValue<string>());
        Assert.Equal($$"""{"mediaId":"{{pdfId}}","fileName":"report.pdf","fileType":"pdf"}""", send.Param.ToJsonString());
        Assert.True(result.Delivered);
        Assert.Equal(2, result.Messages);
        Assert.Equal(2, result.ApiCalls["media_upload"]);
        Assert.Equal(imageBytes, (await new MediaKit(emu).UploadedAsync(imageId)).Bytes);
        Assert.Equal(pdfBytes, (await new MediaKit(emu).UploadedAsync(pdfId)).Bytes);
    }

    [Fact]
    public async Task MarkdownReply_InGroup_FileSentToTheGroup()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var state = new TempDirectory();
        using var files = new TempDirectory();
        var (pdf, _) = MediaKit.WriteFile(files, "minutes.docx");
        await using var channel = await ChannelHarness.StartAsync(emu, state.Path);
        var outcome = RespondWith(channel, "会议纪要见附件", OutboundFile.FromPath(pdf));

        await emu.ControlAsync(HttpMethod.Post, "/_emulator/messages", new
        {
            clientId = DingTalkTestEmulator.ClientId, from = "user002", conversation = DingTalkTestEmulator.GroupId, text = "纪要", atBot = true,
        });
        var result = await outcome.Task.WaitAsync(TestWait.DefaultTimeout);

        Assert.True(result.Delivered);
        Assert.Contains("会议纪要见附件", Assert.Single(emu.Calls(WebhookPath)).RequestBody, StringComparison.Ordinal);
        var send = Assert.Single(new MediaKit(emu).RobotSends());
        Assert.Equal((MediaKit.GroupPath, "sampleFile"), (send.Path, send.MsgKey));
        Assert.Equal(DingTalkTestEmulator.GroupId, send.Body["openConversationId"]!.GetValue<string>());
        Assert.Equal("docx", send.Param["fileType"]!.GetValue<string>());
    }

    [Fact]
    public async Task MarkdownReply_RejectedFiles_TextSentWithNoteNamingThemAndNoUpload()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var state = new TempDirectory();
        using var files = new TempDirectory();
        var huge = MediaKit.WriteSparseFile(files, "huge.zip", 21L * 1024 * 1024);
        var (exe, _) = MediaKit.WriteFile(files, "tool.exe");
        var (webp, _) = MediaKit.WriteFile(files, "pic.webp");
        await using var channel = await ChannelHarness.StartAsync(emu, state.Path);
        var outcome = RespondWith(
            channel, "the answer", OutboundFile.FromPath(huge), OutboundFile.FromPath(exe), new OutboundFile { Path = webp, Kind = OutboundFileKind.Image });

        await emu.InjectTextAsync("send files");
        var result = await outcome.Task.WaitAsync(TestWait.DefaultTimeout);

        Assert.True(result.Delivered);
        Assert.Empty(emu.Calls(MediaKit.UploadPath));
        Assert.Empty(new MediaKit(emu).RobotSends());
        var text = JsonNode.Parse(Assert.Single(emu.Calls(WebhookPath)).RequestBody)!["markdown"]!["text"]!.GetValue<string>();
        Assert.StartsWith("the answer\n\n", text, StringComparison.Ordinal);
        Assert.Contains("huge.zip", text, StringComparison.Ordinal);
        Assert.Contains("tool.exe", text, StringComparison.Ordinal);
        Assert.Contains("pic.webp", text, StringComparison.Ordinal);
        Assert.Contains("> ⚠️ 文件未能发送：", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MarkdownReply_Mp3VoiceAndPptx_VoiceBecomesNoteAndPptxFollowsZipped()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var state = new TempDirectory();
        using var files = new TempDirectory();
        var (mp3, _) = MediaKit.WriteFile(files, "语音.mp3");
        var (pptx, _) = MediaKit.WriteFile(files, "deck.pptx");
        await using var channel = await ChannelHarness.StartAsync(emu, state.Path);
        var outcome = RespondWith(channel, "the answer", OutboundFile.FromPath(mp3, TimeSpan.FromSeconds(2)), OutboundFile.FromPath(pptx));

        await emu.InjectTextAsync("send files");
        var result = await outcome.Task.WaitAsync(TestWait.DefaultTimeout);

        Assert.True(result.Delivered);
        var text = JsonNode.Parse(Assert.Single(emu.Calls(WebhookPath)).RequestBody)!["markdown"]!["text"]!.GetValue<string>();
        Assert.Contains("> ⚠️ 文件未能发送：", text, StringComparison.Ordinal);
        Assert.Contains("语音.mp3", text, StringComparison.Ordinal);
        Assert.Contains("amr", text, StringComparison.Ordinal);
        Assert.Equal("deck.pptx.zip", Assert.Single(emu.Calls(MediaKit.UploadPath)).Form!.Part("media")!.FileName);
        var send = Assert.Single(new MediaKit(emu).RobotSends());
        Assert.Equal("sampleFile", send.MsgKey);
        Assert.Equal("zip", send.Param["fileType"]!.GetValue<string>());
        Assert.Equal("deck.pptx.zip", send.Param["fileName"]!.GetValue<string>());
    }

    [Fact]
    public async Task MarkdownReply_UploadRefusedByDingTalk_TextStillSentWithNote()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var state = new TempDirectory();
        using var files = new TempDirectory();
        var (image, _) = MediaKit.WriteFile(files, "chart.png");
        await using var channel = await ChannelHarness.StartAsync(emu, state.Path);
        await emu.ControlAsync(HttpMethod.Post, "/_emulator/faults", new { path = MediaKit.UploadPath, kind = "Status", status = 403, count = 5 });
        var outcome = RespondWith(channel, "answer with picture", OutboundFile.FromPath(image));

        await emu.InjectTextAsync("picture please");
        var result = await outcome.Task.WaitAsync(TestWait.DefaultTimeout);

        Assert.True(result.Delivered);
        Assert.NotEmpty(emu.Calls(MediaKit.UploadPath));
        var text = JsonNode.Parse(Assert.Single(emu.Calls(WebhookPath)).RequestBody)!["markdown"]!["text"]!.GetValue<string>();
        Assert.StartsWith("answer with picture\n\n> ⚠️ 文件未能发送：", text, StringComparison.Ordinal);
        Assert.Contains("chart.png", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MarkdownReply_FileUploadRefusedAfterText_AnswerThenNoteNamingTheFile()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var state = new TempDirectory();
        using var files = new TempDirectory();
        var (pdf, _) = MediaKit.WriteFile(files, "report.pdf");
        await using var channel = await ChannelHarness.StartAsync(emu, state.Path);
        await emu.ControlAsync(HttpMethod.Post, "/_emulator/faults", new { path = MediaKit.UploadPath, kind = "Status", status = 403, count = 5 });
        var outcome = RespondWith(channel, "the report follows", OutboundFile.FromPath(pdf));

        await emu.InjectTextAsync("report please");
        var result = await outcome.Task.WaitAsync(TestWait.DefaultTimeout);

        Assert.True(result.Delivered);
        Assert.Contains("the report follows", Assert.Single(emu.Calls(WebhookPath)).RequestBody, StringComparison.Ordinal);
        var note = Assert.Single(new MediaKit(emu).RobotSends());
        Assert.Equal((MediaKit.OtoPath, "sampleText"), (note.Path, note.MsgKey));
        Assert.StartsWith("⚠️ 文件未能发送：", note.Param["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("report.pdf", note.Param["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(2, result.Messages);
    }

    private static TaskCompletionSource<ReplyOutcome> RespondWith(ChannelHarness channel, string text, params OutboundFile[] files)
    {
        var outcome = new TaskCompletionSource<ReplyOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        channel.Handler.Respond = async (_, sink, ct) =>
        {
            await using (sink)
            {
                await sink.WriteAsync(new ReplyTextDelta(text), ct);
                foreach (var file in files)
                {
                    await sink.WriteAsync(new ReplyFile(file), ct);
                }

                outcome.TrySetResult(await sink.CompleteAsync(ReplyEnd.Finished, null, ct));
            }
        };
        return outcome;
    }

    private static async Task<List<JsonObject>> UploadsAsync(DingTalkTestEmulator emu) =>
        (await emu.ControlAsync(HttpMethod.Get, "/_emulator/media"))!.AsArray()
            .Select(m => m!.AsObject()).Where(m => m["source"]!.GetValue<string>() == "upload").ToList();
}
