using DingGate.Agent.Tests.Support;
using DingGate.Cli.Tests.Support;
using DingGate.DingTalk.Tests.Support;
using DingGate.Tests.Shared;

namespace DingGate.Cli.Tests.EndToEnd;

/// <summary>
/// Issue 15 acceptance "a quoted picture reaches the model as an image": the gateway's model is the real
/// OpenAI-compatible provider talking to a <see cref="ScriptedOpenAiServer"/>; asserted on the request body it recorded
/// (an <c>image_url</c> part with the picture as a data URI).
/// </summary>
public sealed class QuotedMediaModelTests
{
    private const string DownloadPath = "/v1.0/robot/messageFiles/download";

    [Fact]
    public async Task QuotedPictureWithDownloadCode_ModelRequestCarriesItAsImageUrlDataUri()
    {
        await using var emu = await EmulatorUnderTest.StartAsync();
        using var state = new TempDirectory();
        await using var model = await ScriptedOpenAiServer.StartAsync();
        model.Script = _ => ScriptedModelReply.Text("图里是一个很小的方块。");
        await using var gateway = await GatewayUnderTest.StartWithModelServerAsync(emu, state.Path, model.BaseUrl, s => s.MessageType = "markdown");

        var injected = await emu.InjectAsync(new { from = "user001", conversation = "dm", text = "这张图里是什么？", quote = new { msgType = "picture", from = "user001" } });
        var request = await model.WaitForRequestAsync(1);

        // The bytes DingTalk (the emulator) holds for the quote's downloadCode.
        var downloadCode = (string)injected["payload"]!["text"]!["repliedMsg"]!["content"]!["downloadCode"]!;
        var media = (await emu.SendAsync(HttpMethod.Get, "/_emulator/media"))!.AsArray().Single(m => (string?)m!["downloadCode"] == downloadCode)!;
        var bytes = await MediaBytesAsync(emu, (string)media["id"]!);
        var url = Assert.Single(request.ImageUrls);
        Assert.Equal($"data:{(string)media["contentType"]!};base64,{Convert.ToBase64String(bytes)}", url);
        Assert.Contains("这张图里是什么", request.LastUserText, StringComparison.Ordinal);
        Assert.Contains("quoted image", request.LastUserText, StringComparison.Ordinal);
        Assert.Single(await emu.CallsAsync(DownloadPath));
    }

    [Fact]
    public async Task QuoteWithoutDownloadCode_OfAPictureSentEarlier_ModelRequestCarriesThatPictureFromRecentMedia()
    {
        await using var emu = await EmulatorUnderTest.StartAsync();
        using var state = new TempDirectory();
        await using var model = await ScriptedOpenAiServer.StartAsync();
        model.Script = request => ScriptedModelReply.Text(request.Index == 0 ? "收到图片。" : "是一个很小的方块。");
        await using var gateway = await GatewayUnderTest.StartWithModelServerAsync(emu, state.Path, model.BaseUrl, s => s.MessageType = "markdown");
        var expected = "data:image/png;base64," + Convert.ToBase64String(Fixtures.Png);

        var picture = await emu.InjectAsync(new
        {
            from = "user001", conversation = "dm", msgtype = "picture",
            file = new { name = "photo.png", contentType = "image/png", contentBase64 = Convert.ToBase64String(Fixtures.Png) },
        });
        Assert.Equal([expected], (await model.WaitForRequestAsync(1)).ImageUrls);
        await gateway.WaitForDmHistoryAsync(picture, 2);

        // The quote names the picture's msgId only (isReplyMsg + originalMsgId, no repliedMsg, no downloadCode).
        var quote = await emu.InjectAsync(new
        {
            from = "user001", conversation = "dm", text = "这张图里是什么？",
            quote = new { msgType = "picture", from = "user001", msgId = (string)picture["msgId"]!, style = "originalMsgId" },
        });
        Assert.DoesNotContain("downloadCode", quote["payload"]!.ToJsonString(), StringComparison.Ordinal);
        var request = await model.WaitForRequestAsync(2);

        Assert.Equal([expected], request.ImageUrls);
        Assert.Contains("quoted image", request.LastUserText, StringComparison.Ordinal);
        Assert.Single(await emu.CallsAsync(DownloadPath)); // the picture's own download; the quote cost none
    }

    private static async Task<byte[]> MediaBytesAsync(EmulatorUnderTest emu, string id)
    {
        using var http = new HttpClient();
        return await http.GetByteArrayAsync(new Uri(emu.BaseUrl, "/_emulator/media/content?key=" + Uri.EscapeDataString(id)));
    }
}
