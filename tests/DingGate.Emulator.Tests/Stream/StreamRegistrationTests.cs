using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using DingGate.Emulator.Faults;
using DingGate.Emulator.Stream;
using DingGate.Emulator.Tests.Support;

namespace DingGate.Emulator.Tests.Stream;

public sealed class StreamRegistrationTests
{
    private const string Path = "/v1.0/gateway/connections/open";

    [Fact]
    public async Task Open_ValidCredentials_ReturnsConnectEndpointAndUuidTicket()
    {
        await using var emu = await TestEmulator.StartAsync();

        var (status, body, contentType) = await OpenAsync(emu, Body(), acceptJson: true);

        Assert.Equal(200, status);
        Assert.StartsWith("application/json", contentType, StringComparison.Ordinal);
        Assert.Equal($"ws://127.0.0.1:{emu.Host.BaseUrl.Port}/connect", JsonNode.Parse(body)!["endpoint"]!.GetValue<string>());
        Assert.True(Guid.TryParse(JsonNode.Parse(body)!["ticket"]!.GetValue<string>(), out _));
        Assert.Equal(2, JsonNode.Parse(body)!.AsObject().Count);
    }

    [Fact]
    public async Task Open_WrongSecret_Returns401AuthFailed()
    {
        await using var emu = await TestEmulator.StartAsync();

        var (status, body, _) = await OpenAsync(emu, Body(secret: "wrong"), acceptJson: true);

        Assert.Equal(401, status);
        var json = JsonNode.Parse(body)!;
        Assert.Equal("authFailed", json["code"]!.GetValue<string>());
        Assert.Equal("鉴权失败", json["message"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(json["requestid"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Open_WithoutAcceptJson_AnswersXml()
    {
        await using var emu = await TestEmulator.StartAsync();

        var (status, body, contentType) = await OpenAsync(emu, Body(), acceptJson: false);

        Assert.Equal(200, status);
        Assert.StartsWith("application/xml", contentType, StringComparison.Ordinal);
        Assert.Matches($"^<OpenConnectionResponse><endpoint>ws://127.0.0.1:{emu.Host.BaseUrl.Port}/connect</endpoint><ticket>[0-9a-f-]{{36}}</ticket></OpenConnectionResponse>$", body);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("[{\"type\":\"WEBHOOK\",\"topic\":\"*\"}]")]
    [InlineData("[{\"type\":\"CALLBACK\"}]")]
    [InlineData("\"EVENT\"")]
    public async Task Open_InvalidSubscriptions_Returns400InvalidParameter(string subscriptions)
    {
        await using var emu = await TestEmulator.StartAsync();
        var body = $"{{\"clientId\":\"{TestEmulator.ClientId}\",\"clientSecret\":\"{TestEmulator.ClientSecret}\",\"subscriptions\":{subscriptions}}}";

        var (status, text, _) = await OpenAsync(emu, body, acceptJson: true);

        Assert.Equal(400, status);
        var json = JsonNode.Parse(text)!;
        Assert.Equal("invalidParameter", json["code"]!.GetValue<string>());
        Assert.Contains("subscriptions", json["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(json["requestid"]);
    }

    [Fact]
    public async Task Open_SystemSubscriptions_AreAcceptedAndIgnored()
    {
        await using var emu = await TestEmulator.StartAsync();
        object[] subscriptions = [new { type = "SYSTEM", topic = "ping" }, new { type = "CALLBACK", topic = "/v1.0/im/bot/messages/get" }];

        await using var client = await StreamTestClient.ConnectAsync(emu, subscriptions);

        var connection = Assert.Single(emu.Get<StreamHub>().Connections);
        Assert.Equal([new StreamSubscription("CALLBACK", "/v1.0/im/bot/messages/get")], connection.Ticket.Subscriptions);
        Assert.Equal("dinggate-tests/1.0", connection.Ticket.UserAgent);
        Assert.Equal("10.0.0.7", connection.Ticket.LocalIp);
        Assert.True(connection.Ticket.AcceptJson);
    }

    [Theory]
    [InlineData(false, true, "app is not published")]
    [InlineData(true, false, "bot message receiving mode is not Stream")]
    public async Task Open_AppNotReady_Returns400WithReason(bool published, bool streamMode, string reason)
    {
        await using var emu = await TestEmulator.StartAsync(o =>
            o.Apps.Add(new EmulatedAppOptions { ClientId = "dingother", ClientSecret = "s2", Published = published, StreamMode = streamMode }));

        var (status, text, _) = await OpenAsync(emu, Body("dingother", "s2"), acceptJson: true);

        Assert.Equal(400, status);
        Assert.Equal("invalidParameter", JsonNode.Parse(text)!["code"]!.GetValue<string>());
        Assert.Equal(reason, JsonNode.Parse(text)!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Open_FormBody_IsRejectedWith400()
    {
        await using var emu = await TestEmulator.StartAsync();

        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["clientId"] = TestEmulator.ClientId, ["clientSecret"] = TestEmulator.ClientSecret });
        using var response = await emu.Http.PostAsync(Path, content);

        Assert.Equal(400, (int)response.StatusCode);
    }

    [Fact]
    public async Task Open_Injected503Fault_RefusesRegistrationOnceThenRecovers()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.Get<FaultSwitches>().Add(Path, FaultKind.Status, 503, count: 1);

        var (first, text, _) = await OpenAsync(emu, Body(), acceptJson: true);
        var (second, _, _) = await OpenAsync(emu, Body(), acceptJson: true);

        Assert.Equal(503, first);
        Assert.Equal("ServiceUnavailable", JsonNode.Parse(text)!["code"]!.GetValue<string>());
        Assert.Equal(200, second);
    }

    [Fact]
    public async Task Open_Injected503ViaControlApi_IsApplied()
    {
        await using var emu = await TestEmulator.StartAsync();
        var (added, _) = await emu.SendAsync(HttpMethod.Post, "/_emulator/faults", new { path = Path, kind = "Status", status = 503 });

        var (status, _, _) = await OpenAsync(emu, Body(), acceptJson: true);

        Assert.Equal(200, added);
        Assert.Equal(503, status);
    }

    private static string Body(string clientId = TestEmulator.ClientId, string secret = TestEmulator.ClientSecret) =>
        System.Text.Json.JsonSerializer.Serialize(new { clientId, clientSecret = secret, subscriptions = StreamTestClient.AllSubscriptions, ua = "dinggate-tests/1.0" });

    private static async Task<(int Status, string Body, string ContentType)> OpenAsync(TestEmulator emu, string body, bool acceptJson)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (acceptJson)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        }

        using var response = await emu.Http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.ToString() ?? string.Empty);
    }
}
