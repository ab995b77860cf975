using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using DingGate.Core.Configuration;

namespace DingGate.Cli.Tests.Admin;

// /healthz and /readyz answer probes without the token and reveal nothing but up/ready; everything else keeps the
// bearer token, /metrics too unless gateway.admin.metricsAuth is false.
public sealed class AdminProbeTests : AdminTestBase
{
    [Fact]
    public async Task Probes_WithoutToken_AnswerAliveAndReady_OtherRoutesStill401()
    {
        var admin = await StartAsync(Account("dingdemoappkey", "demo-secret"));
        await WaitForStatusAsync(admin, a => a["connected"]!.GetValue<bool>());
        using var anonymous = new HttpClient();

        using var health = await anonymous.GetAsync(new Uri(admin, "/healthz"));
        using var ready = await anonymous.GetAsync(new Uri(admin, "/readyz"));
        using var status = await anonymous.GetAsync(new Uri(admin, "/status"));
        using var metrics = await anonymous.GetAsync(new Uri(admin, "/metrics"));
        using var approve = await anonymous.PostAsync(new Uri(admin, "/pairing/approve"), new StringContent("""{"account":"default","code":"ABCD2345"}""", Encoding.UTF8, "application/json"));
        using var postReady = await anonymous.PostAsync(new Uri(admin, "/readyz"), new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(["status"], (await health.Content.ReadFromJsonAsync<JsonObject>())!.Select(p => p.Key));
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var readyBody = (await ready.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("ready", readyBody["status"]!.GetValue<string>());
        Assert.Equal(["status"], readyBody.Select(p => p.Key));
        Assert.Equal(HttpStatusCode.Unauthorized, status.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, metrics.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, approve.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, postReady.StatusCode);
    }

    [Fact]
    public async Task Readyz_WithoutToken_503WhenAnAccountIsDown_WithoutNamingIt_WithTokenNamesIt()
    {
        var settings = new DingTalkChannelSettings { Endpoints = Endpoints() };
        settings.Accounts["good"] = new DingTalkAccountSettings { ClientId = "dingdemoappkey", ClientSecret = "demo-secret" };
        settings.Accounts["secret-team-bot"] = new DingTalkAccountSettings { ClientId = "dingdemoappkey", ClientSecret = "wrong-secret" };
        var admin = await StartAsync(settings);
        await WaitForStatusAsync(admin, a => a["id"]!.GetValue<string>() == "secret-team-bot" && a["lastError"] is not null);
        using var anonymous = new HttpClient();

        using var open = await anonymous.GetAsync(new Uri(admin, "/readyz"));
        var openText = await open.Content.ReadAsStringAsync();
        using var authorized = await GetAsync(admin, "/readyz");
        var named = (await authorized.Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, open.StatusCode);
        Assert.Equal("not ready", JsonNode.Parse(openText)!["status"]!.GetValue<string>());
        Assert.DoesNotContain("secret-team-bot", openText, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, authorized.StatusCode);
        Assert.Equal(["secret-team-bot"], named["notConnected"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public async Task Metrics_MetricsAuthFalse_ScrapedWithoutToken_StatusStillNeedsIt()
    {
        var admin = await StartAsync(Account("dingdemoappkey", "demo-secret"), configure: config => config.Gateway.Admin.MetricsAuth = false);
        await WaitForStatusAsync(admin, a => a["connected"]!.GetValue<bool>());
        using var anonymous = new HttpClient();

        using var metrics = await anonymous.GetAsync(new Uri(admin, "/metrics"));
        using var status = await anonymous.GetAsync(new Uri(admin, "/status"));

        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Contains("# TYPE", await metrics.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, status.StatusCode);
    }
}
