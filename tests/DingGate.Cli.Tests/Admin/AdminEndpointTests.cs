using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DingGate.Cli.Admin;
using DingGate.Cli.Gateway;
using DingGate.Core.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace DingGate.Cli.Tests.Admin;

public sealed class AdminEndpointTests : AdminTestBase
{
    [Fact]
    public async Task Admin_WithoutOrWithWrongToken_401()
    {
        var admin = await StartAsync(Account("dingdemoappkey", "demo-secret"));

        using var anonymous = new HttpClient();
        using var none = await anonymous.GetAsync(new Uri(admin, "/status"));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(admin, "/metrics"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", new string('0', 64));
        using var wrong = await anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    [Fact]
    public async Task Start_TokenOwnerOnlyAndAnnouncementNamesTheListeningUrl()
    {
        var admin = await StartAsync(Account("dingdemoappkey", "demo-secret"));

        var announced = AdminAnnouncement.ReadFrom(_state);

        Assert.NotNull(announced);
        Assert.Equal(admin, announced.Url);
        Assert.Equal(Environment.ProcessId, announced.Pid);
        Assert.Equal("127.0.0.1", announced.Url.Host);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_state, AdminToken.FileName)));
        }

        await _gateway!.StopAsync();
        Assert.Null(AdminAnnouncement.ReadFrom(_state));
    }

    [Fact]
    public async Task Status_ConnectedThenSocketDropped_ShowsTheReconnect()
    {
        var admin = await StartAsync(Account("dingdemoappkey", "demo-secret"));
        var connected = await WaitForStatusAsync(admin, a => a["connected"]!.GetValue<bool>());

        using var drop = await _http.PostAsJsonAsync(new Uri(_emulator.BaseUrl, "/_emulator/connections/drop"), new { clientId = "dingdemoappkey" });
        var reconnected = await WaitForStatusAsync(admin, a => a["reconnects"]!.GetValue<long>() >= 1 && a["connected"]!.GetValue<bool>());

        Assert.Equal("default", connected["id"]!.GetValue<string>());
        Assert.Equal(0, connected["reconnects"]!.GetValue<long>());
        Assert.Equal(1, reconnected["reconnects"]!.GetValue<long>());
        Assert.True(reconnected["apiCalls"]!.GetValue<long>() >= 2); // two stream registrations at least
    }

    [Fact]
    public async Task Readyz_OneAccountWithWrongSecret_503NamingIt_OtherConnected()
    {
        var settings = new DingTalkChannelSettings { Endpoints = Endpoints() };
        settings.Accounts["good"] = new DingTalkAccountSettings { ClientId = "dingdemoappkey", ClientSecret = "demo-secret" };
        settings.Accounts["bad"] = new DingTalkAccountSettings { ClientId = "dingdemoappkey", ClientSecret = "wrong-secret" };
        var admin = await StartAsync(settings);
        await WaitForStatusAsync(admin, a => a["id"]!.GetValue<string>() == "good" && a["connected"]!.GetValue<bool>());
        await WaitForStatusAsync(admin, a => a["id"]!.GetValue<string>() == "bad" && a["lastError"] is not null);

        using var ready = await GetAsync(admin, "/readyz");
        var body = await ready.Content.ReadFromJsonAsync<JsonObject>();
        using var health = await GetAsync(admin, "/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(["bad"], body!["notConnected"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.DoesNotContain("wrong-secret", await (await GetAsync(admin, "/status")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readyz_ConnectedThenDroppedAndRegistrationFailing_FlipsTo503AndBack()
    {
        var admin = await StartAsync(Account("dingdemoappkey", "demo-secret"));
        await WaitForStatusAsync(admin, a => a["connected"]!.GetValue<bool>());
        using var before = await GetAsync(admin, "/readyz");

        using var fault = await _http.PostAsJsonAsync(new Uri(_emulator.BaseUrl, "/_emulator/faults"),
            new { path = "/v1.0/gateway/connections/open", kind = "Status", status = 503, count = 1000 });
        using var drop = await _http.PostAsJsonAsync(new Uri(_emulator.BaseUrl, "/_emulator/connections/drop"), new { clientId = "dingdemoappkey" });
        await WaitForStatusAsync(admin, a => !a["connected"]!.GetValue<bool>() && a["failedAttempts"]!.GetValue<int>() >= 1);
        using var during = await GetAsync(admin, "/readyz");
        using var clear = await _http.DeleteAsync(new Uri(_emulator.BaseUrl, "/_emulator/faults"));
        await WaitForStatusAsync(admin, a => a["connected"]!.GetValue<bool>());
        using var after = await GetAsync(admin, "/readyz");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    // Issue 11: never give up while the process runs. 20 failed registrations (the emulator's counted fault) take the
    // account through the 10 fast attempts and then the slow phase (every maxReconnectDelay); the gateway's clock is
    // fake and moved through each backoff. Meanwhile /readyz is 503 and the account shows as "retrying".
    [Fact]
    public async Task Readyz_RegistrationFailing20AttemptsThenSucceeding_503AndRetryingMeanwhile_EndsConnected()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var fault = await _http.PostAsJsonAsync(new Uri(_emulator.BaseUrl, "/_emulator/faults"),
            new { path = "/v1.0/gateway/connections/open", kind = "Status", status = 503, count = 20 });
        var settings = Account("dingdemoappkey", "demo-secret");
        settings.ReconnectJitter = 0;
        var admin = await StartAsync(settings, time);

        var readiness = new List<HttpStatusCode>();
        var states = new List<string>();
        var table = string.Empty;
        var failed = 0;
        JsonObject account;
        while (true)
        {
            account = await WaitForStatusAsync(admin, a => a["connected"]!.GetValue<bool>() || (a["failedAttempts"]!.GetValue<int>() > failed && a["nextRetrySeconds"] is not null));
            if (account["connected"]!.GetValue<bool>())
            {
                break;
            }

            failed = account["failedAttempts"]!.GetValue<int>();
            states.Add(account["state"]!.GetValue<string>());
            using (var ready = await GetAsync(admin, "/readyz"))
            {
                readiness.Add(ready.StatusCode);
            }

            if (states[^1] == "retrying" && table.Length == 0)
            {
                table = await GatewayStatusOutputAsync();
            }

            time.Advance(TimeSpan.FromSeconds(account["nextRetrySeconds"]!.GetValue<double>()));
        }

        using var after = await GetAsync(admin, "/readyz");
        Assert.Equal(20, readiness.Count);
        Assert.All(readiness, code => Assert.Equal(HttpStatusCode.ServiceUnavailable, code));
        Assert.Equal([.. Enumerable.Repeat("reconnecting", 9), .. Enumerable.Repeat("retrying", 11)], states);
        Assert.Matches(@"(?m)^default\s+retrying \(retry in 60s\)\s", table);
        Assert.Contains("NOT ready", table, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal("connected", account["state"]!.GetValue<string>());
        var stats = await _http.GetFromJsonAsync<JsonObject>(new Uri(_emulator.BaseUrl, "/_emulator/stats"));
        Assert.Equal(21, stats!["callsByRoute"]!["POST /v1.0/gateway/connections/open"]!.GetValue<int>());
    }

    [Fact]
    public async Task Status_ApiCallsThisMonth_KeptAcrossARestart()
    {
        var admin = await StartAsync(Account("dingdemoappkey", "demo-secret"));
        var first = await WaitForStatusAsync(admin, a => a["connected"]!.GetValue<bool>() && a["apiCalls"]!.GetValue<long>() >= 1);
        await _gateway!.StopAsync();
        _gateway.Dispose();
        _gateway = null;

        admin = await StartAsync(Account("dingdemoappkey", "demo-secret"));
        var second = await WaitForStatusAsync(admin, a => a["connected"]!.GetValue<bool>() && a["apiCalls"]!.GetValue<long>() >= 1);

        var before = first["apiCallsThisMonth"]!.GetValue<long>();
        Assert.True(second["apiCallsThisMonth"]!.GetValue<long>() >= before + second["apiCalls"]!.GetValue<long>(),
            $"this month {second["apiCallsThisMonth"]} should include the first run's {before} and this run's {second["apiCalls"]}");
    }

    [Fact]
    public async Task Status_Metrics_AndGatewayStatus_ShowTheQuota_KeptAcrossARestart()
    {
        var admin = await StartAsync(Account("dingdemoappkey", "demo-secret"));
        await WaitForStatusAsync(admin, a => a["connected"]!.GetValue<bool>());
        var channel = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<DingGate.DingTalk.DingTalkChannel>(_gateway!.Services);
        await channel.SendAsync("default", new DingGate.Core.Replies.MessageTarget(DingGate.Core.Replies.MessageTargetKind.User, "user001"),
            new DingGate.Core.Replies.OutboundMessage { Text = "通知" }, CancellationToken.None); // a token fetch and one send: 2 billed calls

        var quota = (await QuotaAsync(admin))!;
        // The exporter caches a scrape for a moment, so wait for one taken after the send.
        var metrics = await WaitForMetricsAsync(admin, m => m.Split('\n').Any(l =>
            l.StartsWith("dinggate_dingtalk_quota_used{", StringComparison.Ordinal) && l.EndsWith(" 2", StringComparison.Ordinal)));
        var shown = await GatewayStatusOutputAsync();

        Assert.Equal("default", quota["group"]!.GetValue<string>());
        Assert.Equal(2, quota["used"]!.GetValue<long>());
        Assert.Equal(5000, quota["budget"]!.GetValue<long>());
        Assert.True(quota["forecast"]!.GetValue<long>() >= 2);
        Assert.Equal("normal", quota["step"]!.GetValue<string>());
        var lines = metrics.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("dinggate_dingtalk_quota_used{", StringComparison.Ordinal) && l.Contains("group=\"default\"", StringComparison.Ordinal) && l.EndsWith(" 2", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("dinggate_dingtalk_quota_budget{", StringComparison.Ordinal) && l.EndsWith(" 5000", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("dinggate_dingtalk_quota_step{", StringComparison.Ordinal) && l.EndsWith(" 0", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("dinggate_dingtalk_quota_forecast{", StringComparison.Ordinal));
        Assert.Contains("Quota default (default): 2 of 5000 OpenAPI calls in", shown, StringComparison.Ordinal);
        Assert.Contains("step normal", shown, StringComparison.Ordinal);

        await _gateway!.StopAsync();
        _gateway.Dispose();
        _gateway = null;
        admin = await StartAsync(Account("dingdemoappkey", "demo-secret"));
        await WaitForStatusAsync(admin, a => a["connected"]!.GetValue<bool>());

        Assert.Equal(2, (await QuotaAsync(admin))!["used"]!.GetValue<long>());
    }

    private async Task<JsonObject?> QuotaAsync(Uri admin)
    {
        using var response = await GetAsync(admin, "/status");
        var status = await response.Content.ReadFromJsonAsync<JsonObject>();
        return status!["quota"]!.AsArray().Single()!.AsObject();
    }

    private async Task<string> GatewayStatusOutputAsync()
    {
        using var http = new HttpClient();
        var status = await new AdminClient(_state, http).StatusAsync(CancellationToken.None);
        using var output = new StringWriter();
        await GatewayStatusCommand.ReportAsync(status, null, _state, json: false, output, CancellationToken.None);
        return output.ToString();
    }
}
