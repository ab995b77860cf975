using System.Net;
using DingGate.Emulator.Tests.Support;

namespace DingGate.Emulator.Tests.ControlPage;

public sealed class ControlPageEndpointsTests
{
    [Fact]
    public async Task Root_ServesControlPageReferencingItsScripts()
    {
        await using var emu = await TestEmulator.StartAsync();

        using var response = await emu.Http.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("/static/control.js", html, StringComparison.Ordinal);
        Assert.Contains("/static/markdown.js", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "en")]
    [InlineData("en", "en")]
    [InlineData("zh-CN", "zh-CN")]
    [InlineData("zh", "zh-CN")]
    public async Task Root_PageLanguage_ServedAsHtmlLangWithTheStringTables(string? configured, string served)
    {
        await using var emu = await TestEmulator.StartAsync(o =>
        {
            if (configured is not null)
            {
                o.PageLanguage = configured;
            }
        });

        var html = await emu.Http.GetStringAsync("/");
        var i18n = await emu.Http.GetStringAsync("/static/i18n.js");

        Assert.StartsWith($"<!doctype html>\n<html lang=\"{served}\">", html, StringComparison.Ordinal);
        Assert.Contains("/static/i18n.js", html, StringComparison.Ordinal);
        Assert.Contains("data-i18n=\"send\"", html, StringComparison.Ordinal);
        Assert.Contains("send: '发送'", i18n, StringComparison.Ordinal);
        Assert.Contains("send: 'Send'", i18n, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("control.js", "text/javascript", "/_emulator/messages")]
    [InlineData("markdown.js", "text/javascript", "renderMarkdown")]
    [InlineData("control.css", "text/css", "#messages")]
    public async Task Static_ServesEmbeddedAssets(string file, string mediaType, string expectedText)
    {
        await using var emu = await TestEmulator.StartAsync();

        using var response = await emu.Http.GetAsync("/static/" + file);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType!.MediaType);
        Assert.Contains(expectedText, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/static/missing.js")]
    [InlineData("/static/secret.txt")]
    public async Task Static_UnknownOrDisallowedFile_Returns404(string path)
    {
        await using var emu = await TestEmulator.StartAsync();

        using var response = await emu.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ControlPage_IsNotRecordedAsDingTalkTraffic()
    {
        await using var emu = await TestEmulator.StartAsync();

        using var _ = await emu.Http.GetAsync("/");
        using var __ = await emu.Http.GetAsync("/_emulator/apps");
        using var favicon = await emu.Http.GetAsync("/favicon.ico");

        Assert.Equal(System.Net.HttpStatusCode.NoContent, favicon.StatusCode);

        Assert.Empty(emu.Recorder.HttpCalls);
    }
}
