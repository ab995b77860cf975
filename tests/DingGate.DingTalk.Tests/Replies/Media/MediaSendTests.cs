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
    public async Task SendVoice_AmrWithDuration_SentAsSampleAudioWithMilliseconds()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var dir = new TempDirectory();
        var kit = new MediaKit(emu);
        var (path, bytes) = MediaKit.WriteFile(dir, "note.amr");
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

    /// <summary>KB 0699: sampleAudio plays ogg/amr; the upload takes amr/mp3/wav; file messages take no audio — so only amr goes out.</summary>
    [Theory]
    [InlineData("note.mp3")]
    [InlineData("note.wav")]
    [InlineData("note.ogg")]
    public async Task SendVoice_NotAmr_RefusedNamingFileBeforeAnyCall(string name)
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var dir = new TempDirectory();
        var kit = new MediaKit(emu);
        var (path, _) = MediaKit.WriteFile(dir, name);

        var ex = await Assert.ThrowsAsync<MediaRejectedException>(
            () => kit.Uploader.UploadAsync(OutboundFile.FromPath(path, TimeSpan.FromSeconds(3)), null, CancellationToken.None));

        Assert.Contains(name, ex.Message, StringComparison.Ordinal);
        Assert.Contains("amr", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, kit.UploadCalls);
        Assert.Empty(kit.RobotSends());
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

    /// <summary>Types DingTalk's upload takes but sampleFile does not document are sent zipped, as a documented "zip" file.</summary>
    [Theory]
    [InlineData("deck.pptx")]
    [InlineData("old.xls")]
    [InlineData("demo.mp4")]
    public async Task SendFile_UndocumentedSampleFileType_SentZippedAsZipFile(string name)
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var dir = new TempDirectory();
        var kit = new MediaKit(emu);
        var (path, bytes) = MediaKit.WriteFile(dir, name, 50_000);
        var file = OutboundFile.FromPath(path);

        var mediaId = await kit.Uploader.UploadAsync(file, null, CancellationToken.None);
        await kit.Media.SendAsync(MediaKit.Group(), file, mediaId, null, CancellationToken.None);

        var form = Assert.Single(emu.Calls(MediaKit.UploadPath)).Form!;
        Assert.Equal("file", form.QueryType);
        Assert.Equal("file", form.FormType);
        Assert.Equal(name + ".zip", form.Part("media")!.FileName);
        Assert.Equal("application/zip", form.Part("media")!.ContentType);
        var (entry, stored) = await kit.UploadedAsync(mediaId);
        Assert.Equal("file", entry["type"]!.GetValue<string>());
        using (var zip = new System.IO.Compression.ZipArchive(new MemoryStream(stored)))
        {
            var inner = Assert.Single(zip.Entries);
            Assert.Equal(name, inner.FullName);
            using var content = new MemoryStream();
            await using (var entryStream = await inner.OpenAsync())
            {
                await entryStream.CopyToAsync(content);
            }

            Assert.Equal(bytes, content.ToArray());
        }

        var send = Assert.Single(kit.RobotSends());
        Assert.Equal("sampleFile", send.MsgKey);
        Assert.Equal($$"""{"mediaId":"{{mediaId}}","fileName":"{{name}}.zip","fileType":"zip"}""", send.Param.ToJsonString(WireJson.Options));
    }

    [Theory]
    [InlineData("notes.txt")]
    [InlineData("data.csv")]
    public async Task SendFile_TypeDingTalkDoesNotTake_RefusedNamingFileAndDocumentedTypes(string name)
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var dir = new TempDirectory();
        var kit = new MediaKit(emu);
        var (path, _) = MediaKit.WriteFile(dir, name);

        var ex = await Assert.ThrowsAsync<MediaRejectedException>(() => kit.Uploader.UploadAsync(OutboundFile.FromPath(path), null, CancellationToken.None));

        Assert.Contains(name, ex.Message, StringComparison.Ordinal);
        Assert.Contains("xlsx, pdf, zip, rar, doc, docx", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, kit.UploadCalls);
    }

    /// <summary>The upload body as curl/requests write it, read back by the emulator's strict reader.</summary>
    [Fact]
    public async Task Upload_ChineseFileName_RecordedFormHasQuotedNamesRawUtf8FilenameAndTypeInQueryAndForm()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var dir = new TempDirectory();
        var kit = new MediaKit(emu);
        var (path, bytes) = MediaKit.WriteFile(dir, "季度报告.pdf", 3_000);

        var mediaId = await kit.Uploader.UploadAsync(OutboundFile.FromPath(path), null, CancellationToken.None);

        var call = Assert.Single(emu.Calls(MediaKit.UploadPath));
        Assert.Equal(200, call.Status);
        Assert.StartsWith("multipart/form-data; boundary=", call.RequestHeaders["Content-Type"], StringComparison.Ordinal);
        Assert.DoesNotContain("\"", call.RequestHeaders["Content-Type"], StringComparison.Ordinal);
        var form = call.Form!;
        Assert.Null(form.Error);
        Assert.False(form.BoundaryQuoted);
        Assert.Equal("file", form.QueryType);
        Assert.Equal("file", form.FormType);
        Assert.Equal(["type", "media"], form.Parts.Select(p => p.Name));
        Assert.All(form.Parts, p => Assert.True(p.NameQuoted));
        var type = form.Part("type")!;
        Assert.Null(type.FileName);
        Assert.Null(type.ContentType);
        Assert.Equal("file", type.Value);
        var media = form.Part("media")!;
        Assert.Equal("季度报告.pdf", media.FileName);
        Assert.True(media.FileNameQuoted);
        Assert.False(media.HasFileNameStar);
        Assert.Equal("application/pdf", media.ContentType);
        Assert.Equal(bytes.Length, media.Size);
        var (entry, stored) = await kit.UploadedAsync(mediaId);
        Assert.Equal("季度报告.pdf", entry["fileName"]!.GetValue<string>());
        Assert.Equal(bytes, stored);
    }

    [Fact]
    public async Task Upload_FileNameWithQuote_PercentEscapedInsideTheQuotes()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var dir = new TempDirectory();
        var kit = new MediaKit(emu);
        var (path, _) = MediaKit.WriteFile(dir, "say \"hi\".pdf");

        await kit.Uploader.UploadAsync(OutboundFile.FromPath(path), null, CancellationToken.None);

        var media = Assert.Single(emu.Calls(MediaKit.UploadPath)).Form!.Part("media")!;
        Assert.Equal("say %22hi%22.pdf", media.FileName);
        Assert.True(media.FileNameQuoted);
    }

    [Fact]
    public void MediaUploadContent_EscapesQuoteAndLineBreaksOnly()
    {
        Assert.Equal("a%22b%0D%0Ac 报告.pdf", MediaUploadContent.EscapeFileName("a\"b\r\nc 报告.pdf"));
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
        var path = MediaKit.WriteSparseFile(dir, "long.amr", (2L * 1024 * 1024) + 1);

        var ex = await Assert.ThrowsAsync<MediaRejectedException>(
            () => kit.Uploader.UploadAsync(OutboundFile.FromPath(path, TimeSpan.FromMinutes(1)), null, CancellationToken.None));

        Assert.Contains("2 MB", ex.Message, StringComparison.Ordinal);
        Assert.Contains("amr up to 2 MB", ex.Message, StringComparison.Ordinal);
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
