using DingGate.Emulator.Messages;
using DingGate.Emulator.Tests.Messages;
using DingGate.Emulator.Tests.Replies;
using DingGate.Emulator.Tests.Support;

namespace DingGate.Emulator.Tests.Media;

public sealed class MediaDownloadTests
{
    private const string Download = "/v1.0/robot/messageFiles/download";

    [Fact]
    public async Task Download_PictureCode_ReturnsSignedUrlServingThePng()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();
        var code = PictureCode(emu);

        var (status, body) = await emu.SendAsync(HttpMethod.Post, Download, new { downloadCode = code, robotCode = TestEmulator.ClientId }, token);
        var url = body!["downloadUrl"]!.GetValue<string>();
        using var file = await emu.Http.GetAsync(url);

        Assert.Equal(200, status);
        Assert.Matches("^http://127\\.0\\.0\\.1:\\d+/_files/[0-9a-f]{32}\\?Expires=\\d+&Signature=.+$", url);
        Assert.Equal(200, (int)file.StatusCode);
        Assert.Equal("image/png", file.Content.Headers.ContentType!.MediaType);
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], (await file.Content.ReadAsByteArrayAsync())[..4]);
    }

    [Fact]
    public async Task Download_UrlAfterLifetime_Returns403()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();
        var (_, body) = await emu.SendAsync(HttpMethod.Post, Download, new { downloadCode = PictureCode(emu), robotCode = TestEmulator.ClientId }, token);

        emu.Time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        using var file = await emu.Http.GetAsync(body!["downloadUrl"]!.GetValue<string>());

        Assert.Equal(403, (int)file.StatusCode);
    }

    [Fact]
    public async Task Download_TamperedSignature_Returns403()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();
        var (_, body) = await emu.SendAsync(HttpMethod.Post, Download, new { downloadCode = PictureCode(emu), robotCode = TestEmulator.ClientId }, token);
        var url = body!["downloadUrl"]!.GetValue<string>();

        using var file = await emu.Http.GetAsync(url[..url.IndexOf("Signature=", StringComparison.Ordinal)] + "Signature=AAAA");

        Assert.Equal(403, (int)file.StatusCode);
    }

    [Fact]
    public async Task Download_CodeOfAnotherRobot_ReturnsRobotCodeAuth()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.Apps.Add(new EmulatedAppOptions { ClientId = "dingother002", ClientSecret = "other-secret" }));
        var otherToken = await emu.GetTokenAsync("dingother002", "other-secret");

        var (status, body) = await emu.SendAsync(HttpMethod.Post, Download, new { downloadCode = PictureCode(emu), robotCode = "dingother002" }, otherToken);

        RobotSendTests.AssertError(status, body, "invalidParameter.robotCode.auth");
    }

    [Fact]
    public async Task Download_RobotCodeOfAnotherApp_ReturnsRobotCodeAuth()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();

        var (status, body) = await emu.SendAsync(HttpMethod.Post, Download, new { downloadCode = PictureCode(emu), robotCode = "dingother002" }, token);

        RobotSendTests.AssertError(status, body, "invalidParameter.robotCode.auth");
    }

    [Theory]
    [InlineData("nosuchcode", "dingtestapp001", "invalidParameter.robotCode.downloadCode")]
    [InlineData("nosuchcode", "", "invalidParameter.robotCode.empty")]
    public async Task Download_BadInput_ReturnsCode(string downloadCode, string robotCode, string code)
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();

        var (status, body) = await emu.SendAsync(HttpMethod.Post, Download, new { downloadCode, robotCode }, token);

        RobotSendTests.AssertError(status, body, code);
        if (code.EndsWith("downloadCode", StringComparison.Ordinal))
        {
            Assert.Equal("下载码有误或者已经过期", body!["message"]!.GetValue<string>());
        }
    }

    private static string PictureCode(TestEmulator emu) =>
        BotMessageFactoryTests.Create(emu, new InjectRequest { ClientId = TestEmulator.ClientId, From = "user001", MsgType = "picture" }).Payload["content"]!["downloadCode"]!.GetValue<string>();
}
