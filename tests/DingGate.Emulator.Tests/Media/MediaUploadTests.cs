using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using DingGate.Emulator.Media;
using DingGate.Emulator.Tests.Support;

namespace DingGate.Emulator.Tests.Media;

public sealed class MediaUploadTests
{
    [Fact]
    public async Task Upload_Png_ReturnsMediaIdUsableInImageSend()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();

        var body = await UploadAsync(emu, $"/media/upload?access_token={token}&type=image", "image", "a.png", "image/png", [0x89, 0x50, 0x4E, 0x47]);

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
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], await emu.Http.GetByteArrayAsync("/_emulator/media/content?key=" + Uri.EscapeDataString(mediaId)));
    }

    [Fact]
    public async Task Upload_TypeOnlyInForm_IsAccepted()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();

        var body = await UploadAsync(emu, $"/media/upload?access_token={token}", "file", "报价单.pdf", "application/pdf", "%PDF"u8.ToArray());

        Assert.Equal(0, body["errcode"]!.GetValue<int>());
        Assert.Equal("file", body["type"]!.GetValue<string>());
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

        var body = await UploadAsync(emu, $"/media/upload?access_token={token}&type={type}", type, fileName, "application/octet-stream", new byte[size]);

        Assert.Equal(errcode, body["errcode"]!.GetValue<int>());
        Assert.Empty(emu.Get<MediaStore>().All);
    }

    [Fact]
    public async Task Upload_InvalidToken_Returns40014()
    {
        await using var emu = await TestEmulator.StartAsync();

        var body = await UploadAsync(emu, "/media/upload?access_token=bad&type=image", "image", "a.png", "image/png", [1]);

        Assert.Equal("{\"errcode\":40014,\"errmsg\":\"不合法的access_token\"}", body.ToJsonString(Http.EmulatorJson.Options));
    }

    private static async Task<JsonNode> UploadAsync(TestEmulator emu, string url, string type, string fileName, string contentType, byte[] bytes)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(type), "type");
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, "media", fileName);
        using var response = await emu.Http.PostAsync(url, form);
        Assert.Equal(200, (int)response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }
}
