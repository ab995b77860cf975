using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DingGate.Emulator.Tests.Support;

namespace DingGate.Emulator.Tests.Control;

/// <summary>
/// Issue 13: the emulator's own routes (control API, control page, any other /_* route) answer only for its own host
/// names, so a page that rebinds its domain to 127.0.0.1 cannot drive it (421 Misdirected Request). The DingTalk-facing
/// routes keep answering whatever Host a client sends (the official SDKs send the host of the URL they were given).
/// </summary>
public sealed class OwnHostCheckTests
{
    [Theory]
    [InlineData("/_emulator/apps")]
    [InlineData("/_emulator/conversations")]
    [InlineData("/")]
    [InlineData("/static/control.js")]
    [InlineData("/_sandbox/settings")]
    public async Task OwnRoute_ForgedHost_421AndNothingServed(string path)
    {
        await using var emu = await TestEmulator.StartAsync();

        using var response = await SendAsync(emu, HttpMethod.Get, path, "attacker.example:" + emu.Host.BaseUrl.Port);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.MisdirectedRequest, response.StatusCode);
        Assert.Contains("not 'attacker.example'", text, StringComparison.Ordinal);
        Assert.DoesNotContain("dingtestapp001", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ControlPost_ForgedHost_RefusedBeforeItActs()
    {
        await using var emu = await TestEmulator.StartAsync();

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(emu.Host.BaseUrl, "/_emulator/faults"))
        {
            Content = JsonContent.Create(new { path = "/v1.0/oauth2/accessToken", kind = "Status", status = 503, count = 5 }),
        };
        request.Headers.Host = "rebound.attacker.example";
        using var response = await emu.Http.SendAsync(request);
        var (_, faults) = await emu.SendAsync(HttpMethod.Get, "/_emulator/faults");

        Assert.Equal(HttpStatusCode.MisdirectedRequest, response.StatusCode);
        Assert.Empty(faults!["routes"]!.AsArray());
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    [InlineData("LOCALHOST.")]
    [InlineData("[::1]")]
    [InlineData("emulator.localhost")]
    [InlineData("192.168.1.20")]
    public async Task OwnRoute_OwnHostNames_Served(string host)
    {
        await using var emu = await TestEmulator.StartAsync();

        using var response = await SendAsync(emu, HttpMethod.Get, "/_emulator/apps", host + ":" + emu.Host.BaseUrl.Port);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task OwnRoute_ConfiguredNames_Served_OthersNot()
    {
        await using var emu = await TestEmulator.StartAsync(o =>
        {
            o.PublicHost = "api.dingtalk.com";
            o.AllowedHosts.Add("emulator");
        });

        using var publicHost = await SendAsync(emu, HttpMethod.Get, "/_emulator/apps", "api.dingtalk.com");
        using var allowed = await SendAsync(emu, HttpMethod.Get, "/", "emulator:8080");
        using var other = await SendAsync(emu, HttpMethod.Get, "/", "oapi.dingtalk.com");

        Assert.Equal(HttpStatusCode.OK, publicHost.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.MisdirectedRequest, other.StatusCode);
        Assert.Contains("api.dingtalk.com, emulator", await other.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    // DingTalk-facing routes are not host-checked: a client mapped to the emulator by any name keeps working.
    [Fact]
    public async Task DingTalkRoute_AnyHost_StillAnswers()
    {
        await using var emu = await TestEmulator.StartAsync();

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(emu.Host.BaseUrl, "/v1.0/oauth2/accessToken"))
        {
            Content = JsonContent.Create(new { appKey = TestEmulator.ClientId, appSecret = TestEmulator.ClientSecret }),
        };
        request.Headers.Host = "api.dingtalk.com";
        using var response = await emu.Http.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(body!["accessToken"]);
    }

    // The signed download URLs stand for DingTalk's file host: fetched under any name (a 403 for the bad signature, not 421).
    [Fact]
    public async Task DownloadRoute_AnyHost_NotHostChecked()
    {
        await using var emu = await TestEmulator.StartAsync();

        using var response = await SendAsync(emu, HttpMethod.Get, "/_files/nothing?Expires=1&Signature=x", "files.example");

        Assert.NotEqual(HttpStatusCode.MisdirectedRequest, response.StatusCode);
    }

    private static async Task<HttpResponseMessage> SendAsync(TestEmulator emu, HttpMethod method, string path, string host)
    {
        using var request = new HttpRequestMessage(method, new Uri(emu.Host.BaseUrl, path));
        request.Headers.Host = host;
        return await emu.Http.SendAsync(request);
    }
}
