using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using DingGate.Emulator.Media;
using DingGate.Emulator.Recording;
using DingGate.Emulator.Tests.Support;

namespace DingGate.Emulator.Tests.Media;

/// <summary>
/// <c>POST oapi /media/upload</c> with bodies built byte by byte: the reference clients' shape (curl, requests, Node
/// form-data) is accepted and recorded; malformed or .NET-shaped bodies are refused with DingTalk's errcodes.
/// </summary>
public sealed class MediaUploadTests
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47];

    [Fact]
    public async Task Upload_Png_ReturnsMediaIdUsableInImageSend()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();

        var body = await PostAsync(emu, $"/media/upload?access_token={token}&type=image", Reference("image", "a.png", "image/png", Png).Build());

        Assert.Equal(0, body["errcode"]!.GetValue<int>());
        Assert.Equal("ok", body["errmsg"]!.GetValue<string>());
        Assert.Equal("image", body["type"]!.GetValue<string>());
        Assert.Equal(emu.Time.GetUtcNow().ToUnixTimeMilliseconds(), body["created_at"]!.GetValue<long>());
        var mediaId = body["media_id"]!.GetValue<string>();
        Assert.StartsWith("@lADP", mediaId, StringComparison.Ordinal);
        Assert.Equal("a.png", emu.Get<MediaStore>().FindByMediaId(mediaId)!.FileName);
        var (status, _) = await emu.SendAsync(HttpMethod.Post, "/v1.0/robot/oToMessages/batchSend", new
        {
            robotCode = TestEmulator.ClientId, userIds = new[] { "user001" }, msgKey = "sampleImageMsg", msgParam = $"{{\"photoURL\":\"{mediaId}\"}}",
        }, token);
        Assert.Equal(200, status);
        var (_, listed) = await emu.SendAsync(HttpMethod.Get, "/_emulator/media");
        Assert.Equal(mediaId, Assert.Single(listed!.AsArray())!["mediaId"]!.GetValue<string>());
        Assert.Equal(Png, await emu.Http.GetByteArrayAsync("/_emulator/media/content?key=" + Uri.EscapeDataString(mediaId)));
    }

    [Fact]
    public async Task Upload_ReferenceShapeWithChineseName_AcceptedAndFormRecorded()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();

        var body = await PostAsync(emu, $"/media/upload?access_token={token}", Reference("file", "报价单.pdf", "application/pdf", "%PDF"u8.ToArray()).Build());

        Assert.Equal(0, body["errcode"]!.GetValue<int>());
        Assert.Equal("file", body["type"]!.GetValue<string>());
        Assert.Equal("报价单.pdf", emu.Get<MediaStore>().FindByMediaId(body["media_id"]!.GetValue<string>())!.FileName);
        var form = RecordedForm(emu);
        Assert.True(form.Multipart);
        Assert.False(form.BoundaryQuoted);
        Assert.Null(form.QueryType);
        Assert.Equal("file", form.FormType);
        Assert.Null(form.Error);
        Assert.Equal(["type", "media"], form.Parts.Select(p => p.Name));
        var media = form.Part("media")!;
        Assert.True(media.NameQuoted);
        Assert.Equal("报价单.pdf", media.FileName);
        Assert.True(media.FileNameQuoted);
        Assert.False(media.HasFileNameStar);
        Assert.Equal("application/pdf", media.ContentType);
        Assert.Equal(4, media.Size);
        Assert.Equal("file", form.Part("type")!.Value);
    }

    [Fact]
    public async Task Upload_QuotedBoundary_AcceptedAsRfc2046AllowsAndRecorded()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();

        var body = await PostAsync(emu, $"/media/upload?access_token={token}&type=image", Reference("image", "a.png", "image/png", Png).Build(quoteBoundary: true));

        Assert.Equal(0, body["errcode"]!.GetValue<int>());
        Assert.True(RecordedForm(emu).BoundaryQuoted);
    }

    [Theory]
    [InlineData("sticker", "a.png", 1, 40004)]
    [InlineData("image", "a.exe", 1, 40005)]
    [InlineData("video", "a.avi", 1, 40005)]
    [InlineData("voice", "a.amr", 2 * 1024 * 1024 + 1, 40006)]
    public async Task Upload_BadInput_ReturnsErrcode(string type, string fileName, int size, int errcode)
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();

        var body = await PostAsync(emu, $"/media/upload?access_token={token}&type={type}", Reference(type, fileName, "application/octet-stream", new byte[size]).Build());

        Assert.Equal(errcode, body["errcode"]!.GetValue<int>());
        Assert.Empty(emu.Get<MediaStore>().All);
    }

    /// <summary>Malformed shapes, each refused with the errcode DingTalk's legacy API uses (see docs/emulator.md, fidelity notes).</summary>
    [Theory]
    [InlineData("no media part", 41005)]
    [InlineData("media part misnamed 'file'", 41005)]
    [InlineData("media part without filename", 41005)]
    [InlineData("media part with an empty filename", 41005)]
    [InlineData("only filename* (urllib3 1.x, non-ASCII name)", 41005)]
    [InlineData("unquoted name=media (.NET)", 41005)]
    [InlineData("no close delimiter", 41005)]
    [InlineData("part without Content-Disposition", 41005)]
    [InlineData("type only in form, unquoted name=type (.NET)", 40004)]
    public async Task Upload_MalformedMultipart_Refused(string shape, int errcode)
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();
        var query = shape.StartsWith("type only in form", StringComparison.Ordinal) ? string.Empty : "&type=image";
        var body = new RawMultipart();
        HttpContent content = shape switch
        {
            "no media part" => body.Field("type", "image").Build(),
            "media part misnamed 'file'" => body.Field("type", "image").File("file", "a.png", "image/png", Png).Build(),
            "media part without filename" => body.Field("type", "image")
                .Part(["Content-Disposition: form-data; name=\"media\"", "Content-Type: image/png"], Png).Build(),
            "media part with an empty filename" => body.Field("type", "image").File("media", string.Empty, "image/png", Png).Build(),
            "only filename* (urllib3 1.x, non-ASCII name)" => body.Field("type", "image")
                .Part(["Content-Disposition: form-data; name=\"media\"; filename*=utf-8''%E5%9B%BE.png", "Content-Type: image/png"], Png).Build(),
            "unquoted name=media (.NET)" => body.Part(["Content-Type: text/plain; charset=utf-8", "Content-Disposition: form-data; name=type"], "image"u8.ToArray())
                .Part(["Content-Type: image/png", "Content-Disposition: form-data; name=media; filename=a.png; filename*=utf-8''a.png"], Png).Build(),
            "no close delimiter" => Reference("image", "a.png", "image/png", Png).Build(close: false),
            "part without Content-Disposition" => body.Field("type", "image").Part(["Content-Type: image/png"], Png).Build(),
            "type only in form, unquoted name=type (.NET)" => body.Part(["Content-Disposition: form-data; name=type"], "image"u8.ToArray())
                .File("media", "a.png", "image/png", Png).Build(),
            _ => throw new ArgumentOutOfRangeException(nameof(shape)),
        };

        var answer = await PostAsync(emu, $"/media/upload?access_token={token}{query}", content);

        Assert.Equal(errcode, answer["errcode"]!.GetValue<int>());
        Assert.Empty(emu.Get<MediaStore>().All);
        Assert.True(RecordedForm(emu).Multipart);
    }

    [Fact]
    public async Task Upload_DotNetMultipartFormDataContentWithChineseName_RefusedAndFilenameStarNotRead()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent("file"), "type");
        var file = new ByteArrayContent("%PDF"u8.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "media", "报价单.pdf");

        var answer = await PostAsync(emu, $"/media/upload?access_token={token}&type=file", form);

        Assert.Equal(41005, answer["errcode"]!.GetValue<int>());
        var recorded = RecordedForm(emu);
        Assert.True(recorded.BoundaryQuoted);
        var media = recorded.Part("media")!;
        Assert.False(media.NameQuoted);
        Assert.True(media.HasFileNameStar);
        Assert.StartsWith("=?utf-8?B?", media.FileName, StringComparison.Ordinal);
        Assert.Empty(emu.Get<MediaStore>().All);
    }

    [Fact]
    public async Task Upload_NotMultipart_Returns43008()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();

        var answer = await PostAsync(emu, $"/media/upload?access_token={token}&type=image", new StringContent("{\"media\":\"a.png\"}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(43008, answer["errcode"]!.GetValue<int>());
        Assert.False(RecordedForm(emu).Multipart);
    }

    [Fact]
    public async Task Upload_InvalidToken_Returns40014()
    {
        await using var emu = await TestEmulator.StartAsync();

        var body = await PostAsync(emu, "/media/upload?access_token=bad&type=image", Reference("image", "a.png", "image/png", [1]).Build());

        Assert.Equal("{\"errcode\":40014,\"errmsg\":\"不合法的access_token\"}", body.ToJsonString(Http.EmulatorJson.Options));
    }

    private static RawMultipart Reference(string type, string fileName, string contentType, byte[] bytes) =>
        new RawMultipart().Field("type", type).File("media", fileName, contentType, bytes);

    private static RecordedForm RecordedForm(TestEmulator emu) =>
        Assert.Single(emu.Recorder.HttpCalls, c => c.Path == "/media/upload").Form!;

    private static async Task<JsonNode> PostAsync(TestEmulator emu, string url, HttpContent content)
    {
        using (content)
        {
            using var response = await emu.Http.PostAsync(url, content);
            Assert.Equal(200, (int)response.StatusCode);
            return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        }
    }
}
