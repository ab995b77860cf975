using DingGate.Core.Replies;
using DingGate.DingTalk.Replies.Media;
using DingGate.DingTalk.Tests.Support;

namespace DingGate.DingTalk.Tests.Replies.Media;

/// <summary>Upload (oapi /media/upload) and the media msgKeys (sampleImageMsg, sampleFile, sampleAudio) against the emulator.</summary>
public sealed class MediaSendTests
{
    [Theory]
    [InlineData("user")]
    [InlineData("group")]
    public async Task SendImage_ToUserOrGroup_UploadsBytesAndSendsSampleImageMsgWithMediaId(string kind)
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var dir = new TempDirectory();
        var kit = new MediaKit(emu);
        var (path, bytes) = MediaKit.WriteFile(dir, "chart.png");
        var file = OutboundFile.FromPath(path);
        var target = kind == "user" ? MediaKit.User() : MediaKit.Group();

        var mediaId = await kit.Uploader.UploadAsync(file, meter: null, CancellationToken.None);
        var key = await kit.Media.SendAsync(target, file, mediaId, meter: null, CancellationToken.None);

        var (entry, stored) = await kit.UploadedAsync(mediaId);
        Assert.Equal("image", entry["type"]!.GetValue<string>());
        Assert.Equal("chart.png", entry["fileName"]!.GetValue<string>());
        Assert.Equal("image/png", entry["contentType"]!.GetValue<string>());
        Assert.Equal(bytes, stored);
        var upload = Assert.Single(emu.Calls(MediaKit.UploadPath));
        Assert.Contains("type=image", upload.Query, StringComparison.Ordinal);
        Assert.Contains("access_token=", upload.Query, StringComparison.Ordinal);
        var send = Assert.Single(kit.RobotSends());
        Assert.Equal(kind == "user" ? MediaKit.OtoPath : MediaKit.GroupPath, send.Path);
        Assert.Equal("sampleImageMsg", send.MsgKey);
        Assert.Equal($$"""{"photoURL":"{{mediaId}}"}""", send.Param.ToJsonString());
        Assert.False(string.IsNullOrEmpty(key));
    }

    [Fact]
    public async Task SendFile_Pdf_SentAsSampleFileWithNameAndLowerCaseType()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var dir = new TempDirectory();
        var kit = new MediaKit(emu);
        var (path, bytes) = MediaKit.WriteFile(dir, "Report.PDF", 10_000);
        var file = new OutboundFile { Path = path, Kind = OutboundFileKind.File, FileName = "季度报告.pdf" };

        var mediaId = await kit.Uploader.UploadAsync(file, meter: null, CancellationToken.None);
        await kit.Media.SendAsync(MediaKit.User("user002"), file, mediaId, meter: null, CancellationToken.None);

        var (entry, stored) = await kit.UploadedAsync(mediaId);
        Assert.Equal("file", entry["type"]!.GetValue<string>());
        Assert.Equal("application/pdf", entry["contentType"]!.GetValue<string>());
        Assert.Equal(bytes, stored);
        var send = Assert.Single(kit.RobotSends());
        Assert.Equal("sampleFile", send.MsgKey);
        Assert.Equal($$"""{"mediaId":"{{mediaId}}","fileName":"季度报告.pdf","fileType":"pdf"}""", send.Param.ToJsonString(WireJson.Options));
        Assert.Equal("user002", send.Body["userIds"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task SendVoice_WithDuration_SentAsSampleAudioWithMilliseconds()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var dir = new TempDirectory();
        var kit = new MediaKit(emu);
        var (path, bytes) = MediaKit.WriteFile(dir, "note.mp3");
        var file = OutboundFile.FromPath(path, TimeSpan.FromSeconds(4.25));

        var mediaId = await kit.Uploader.UploadAsync(file, meter: null, CancellationToken.None);
        await kit.Media.SendAsync(MediaKit.User(), file, mediaId, meter: null, CancellationToken.None);

        var (entry, stored) = await kit.UploadedAsync(mediaId);
        Assert.Equal("voice", entry["type"]!.GetValue<string>());
        Assert.Equal(bytes, stored);
        var send = Assert.Single(kit.RobotSends());
        Assert.Equal("sampleAudio", send.MsgKey);
        Assert.Equal($$"""{"mediaId":"{{mediaId}}","duration":"4250"}""", send.Param.ToJsonString());
    }

    [Fact]
    public async Task Upload_VoiceWithoutDuration_RejectedBeforeUpload()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var dir = new TempDirectory();
        var kit = new MediaKit(emu);
        var (path, _) = MediaKit.WriteFile(dir, "note.amr");

        var ex = await Assert.ThrowsAsync<MediaRejectedException>(() => kit.Uploader.UploadAsync(OutboundFile.FromPath(path), null, CancellationToken.None));

        Assert.Contains("note.amr", ex.Message, StringComparison.Ordinal);
        Assert.Contains("duration", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, kit.UploadCalls);
    }

    [Fact]
    public async Task Upload_Mp4AsFile_UploadedAsVideoAndSentAsSampleFile()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var dir = new TempDirectory();
        var kit = new MediaKit(emu);
        var (path, _) = MediaKit.WriteFile(dir, "demo.mp4");
        var file = OutboundFile.FromPath(path);

        var mediaId = await kit.Uploader.UploadAsync(file, null, CancellationToken.None);
        await kit.Media.SendAsync(MediaKit.Group(), file, mediaId, null, CancellationToken.None);

        Assert.Equal("video", (await kit.UploadedAsync(mediaId)).Entry["type"]!.GetValue<string>());
        var send = Assert.Single(kit.RobotSends());
        Assert.Equal("sampleFile", send.MsgKey);
        Assert.Equal("mp4", send.Param["fileType"]!.GetValue<string>());
    }

    [Fact]
    public async Task Upload_OversizeFile_RejectedWithSizeLimitAndFormatsAndNoUploadCall()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var dir = new TempDirectory();
        var kit = new MediaKit(emu);
        var path = MediaKit.WriteSparseFile(dir, "huge.pdf", 21L * 1024 * 1024);

        var ex = await Assert.ThrowsAsync<MediaRejectedException>(
            () => kit.Uploader.UploadAsync(OutboundFile.FromPath(path), null, CancellationToken.None));

        Assert.Contains("huge.pdf", ex.Message, StringComparison.Ordinal);
        Assert.Contains("21 MB", ex.Message, StringComparison.Ordinal);
        Assert.Contains("20 MB", ex.Message, StringComparison.Ordinal);
        Assert.Contains("pdf", ex.Message.Replace("huge.pdf", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(0, kit.UploadCalls);
        Assert.DoesNotContain(await MediaListAsync(emu), m => m!["source"]!.GetValue<string>() == "upload");
    }

    [Fact]
    public async Task Upload_OversizeVoice_RejectedAgainstTwoMegabytes()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var dir = new TempDirectory();
        var kit = new MediaKit(emu);
        var path = MediaKit.WriteSparseFile(dir, "long.wav", (2L * 1024 * 1024) + 1);

        var ex = await Assert.ThrowsAsync<MediaRejectedException>(
            () => kit.Uploader.UploadAsync(OutboundFile.FromPath(path, TimeSpan.FromMinutes(1)), null, CancellationToken.None));

        Assert.Contains("2 MB", ex.Message, StringComparison.Ordinal);
        Assert.Contains("amr, mp3, wav", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, kit.UploadCalls);
    }

    [Theory]
    [InlineData("script.exe", OutboundFileKind.File)]
    [InlineData("photo.webp", OutboundFileKind.Image)]
    [InlineData("voice.ogg", OutboundFileKind.Voice)]
    public async Task Upload_BadExtension_RejectedNamingFileAndAllowedFormats(string name, OutboundFileKind kind)
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var dir = new TempDirectory();
        var kit = new MediaKit(emu);
        var (path, _) = MediaKit.WriteFile(dir, name);
        var file = new OutboundFile { Path = path, Kind = kind, Duration = TimeSpan.FromSeconds(3) };

        var ex = await Assert.ThrowsAsync<MediaRejectedException>(() => kit.Uploader.UploadAsync(file, null, CancellationToken.None));

        Assert.Contains(name, ex.Message, StringComparison.Ordinal);
        Assert.Contains("allowed:", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, kit.UploadCalls);
    }

    [Fact]
    public async Task Upload_MissingFile_RejectedNamingThePath()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var dir = new TempDirectory();
        var kit = new MediaKit(emu);
        var path = Path.Combine(dir.Path, "gone.pdf");

        var ex = await Assert.ThrowsAsync<MediaRejectedException>(() => kit.Uploader.UploadAsync(OutboundFile.FromPath(path), null, CancellationToken.None));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, kit.UploadCalls);
    }

    [Fact]
    public async Task Upload_JpegExtension_AcceptedAsImage()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var dir = new TempDirectory();
        var kit = new MediaKit(emu);
        var (path, bytes) = MediaKit.WriteFile(dir, "photo.jpeg");

        var mediaId = await kit.Uploader.UploadAsync(OutboundFile.FromPath(path), null, CancellationToken.None);

        var (entry, stored) = await kit.UploadedAsync(mediaId);
        Assert.Equal("image", entry["type"]!.GetValue<string>());
        Assert.Equal("image/jpeg", entry["contentType"]!.GetValue<string>());
        Assert.Equal(bytes, stored);
    }

    private static async Task<System.Text.Json.Nodes.JsonArray> MediaListAsync(DingTalkTestEmulator emu) =>
        (await emu.ControlAsync(HttpMethod.Get, "/_emulator/media"))!.AsArray();
}
