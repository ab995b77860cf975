using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DingGate.Cli.Admin;
using DingGate.Cli.Gateway;
using DingGate.Core.Configuration;
using DingGate.Emulator;
using Microsoft.Extensions.Hosting;

namespace DingGate.Cli.Tests.Admin;

public sealed class AdminEndpointTests : IAsyncLifetime
{
    private readonly string _state = Path.Combine(Path.GetTempPath(), "dinggate-admin-" + Guid.NewGuid().ToString("N"));
    private readonly EmulatorHost _emulator = EmulatorHost.Create(new EmulatorOptions { Port = 0 });
    private readonly HttpClient _http = new();
    private IHost? _gateway;

    public async Task InitializeAsync() => await _emulator.StartAsync();

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

    [Fact]
    public async Task Metrics_AfterOneMessage_NamedSeriesExposed()
    {
        var admin = await StartAsync(Account("dingdemoappkey", "demo-secret"));
        await WaitForStatusAsync(admin, a => a["connected"]!.GetValue<bool>());
        using var ready = await GetAsync(admin, "/readyz");

        using var inject = await _http.PostAsJsonAsync(new Uri(_emulator.BaseUrl, "/_emulator/messages"),
            new { clientId = "dingdemoappkey", from = "user001", msgtype = "text", text = "hi", conversation = "dm" });
        string[] series =
        [
            "dinggate_dingtalk_messages_received_total{", "dinggate_dingtalk_replies_total{", "dinggate_dingtalk_stream_ack_latency_milliseconds_bucket{",
            "dinggate_dingtalk_reply_duration_milliseconds_bucket{", "dingtalk_api_calls_total{", "endpoint=\"POST /v1.0/gateway/connections/open\"",
            "dinggate_dingtalk_reply_api_calls_total{", "gen_ai_client_operation_duration_seconds_bucket{",
        ];

        // Each series appears when its measurement is taken (the model's duration after its stream ends); wait for all.
        var metrics = await WaitForMetricsAsync(admin, text => series.All(s => text.Contains(s, StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.All(series, s => Assert.Contains(s, metrics, StringComparison.Ordinal));
    }

    public async Task DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.StopAsync();
            _gateway.Dispose();
        }

        await _emulator.DisposeAsync();
        _http.Dispose();
        Directory.Delete(_state, recursive: true);
    }

    private DingTalkChannelSettings Account(string clientId, string secret) =>
        new() { ClientId = clientId, ClientSecret = secret, MessageType = "markdown", Endpoints = Endpoints() };

    private DingTalkEndpoints Endpoints() => new() { Api = _emulator.BaseUrl, Oapi = _emulator.BaseUrl };

    private async Task<Uri> StartAsync(DingTalkChannelSettings channel)
    {
        var config = new DinggateConfig();
        config.Channels.Dingtalk = channel;
        _gateway = GatewayHost.Build(new GatewayHostSettings { Config = config, StateDirectory = _state });
        await _gateway.StartAsync();
        var token = await File.ReadAllTextAsync(Path.Combine(_state, AdminToken.FileName));
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return AdminAnnouncement.ReadFrom(_state)!.Url;
    }

    private Task<HttpResponseMessage> GetAsync(Uri admin, string path) => _http.GetAsync(new Uri(admin, path));

    private async Task<JsonObject> WaitForStatusAsync(Uri admin, Func<JsonObject, bool> account)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var status = await _http.GetFromJsonAsync<JsonObject>(new Uri(admin, "/status"), timeout.Token);
            if (status!["accounts"]!.AsArray().OfType<JsonObject>().FirstOrDefault(account) is { } match)
            {
                return match;
            }

            await Task.Delay(20, timeout.Token);
        }
    }

    private async Task<string> WaitForMetricsAsync(Uri admin, Func<string, bool> complete)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var text = string.Empty;
        while (!timeout.IsCancellationRequested)
        {
            text = await _http.GetStringAsync(new Uri(admin, "/metrics"), CancellationToken.None);
            if (complete(text))
            {
                return text;
            }

            await Task.Delay(50, CancellationToken.None);
        }

        return text; // the assertions then name what is missing
    }
}
