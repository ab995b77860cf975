using DingGate.Emulator.Tests.Support;

namespace DingGate.Emulator.Tests.Faults;

public sealed class FaultMiddlewareTests
{
    [Fact]
    public async Task StatusFault_OnApiRoute_Returns503EnvelopeThenClearsAfterCount()
    {
        await using var emu = await TestEmulator.StartAsync();
        await emu.SendAsync(HttpMethod.Post, "/_emulator/faults", new { path = "/v1.0/oauth2/accessToken", kind = "Status", status = 503, count = 1 });

        var (status, body) = await emu.SendAsync(HttpMethod.Post, "/v1.0/oauth2/accessToken", new { appKey = TestEmulator.ClientId, appSecret = TestEmulator.ClientSecret });
        var (after, _) = await emu.SendAsync(HttpMethod.Post, "/v1.0/oauth2/accessToken", new { appKey = TestEmulator.ClientId, appSecret = TestEmulator.ClientSecret });

        Assert.Equal(503, status);
        Assert.Equal("ServiceUnavailable", body!["code"]!.GetValue<string>());
        Assert.NotNull(body["requestid"]);
        Assert.Equal(200, after);
    }

    [Fact]
    public async Task QpsFault_OnOapiRoute_ReturnsErrcode90018()
    {
        await using var emu = await TestEmulator.StartAsync();
        await emu.SendAsync(HttpMethod.Post, "/_emulator/faults", new { path = "/gettoken", kind = "QpsLimit" });

        var (status, body) = await emu.SendAsync(HttpMethod.Get, $"/gettoken?appkey={TestEmulator.ClientId}&appsecret={TestEmulator.ClientSecret}");

        Assert.Equal(200, status);
        Assert.Equal(90018, body!["errcode"]!.GetValue<int>());
    }

    [Fact]
    public async Task SystemBusyFault_Returns429SystemBusy()
    {
        await using var emu = await TestEmulator.StartAsync();
        await emu.SendAsync(HttpMethod.Post, "/_emulator/faults", new { path = "*", kind = "SystemBusy", count = 1 });

        var (status, body) = await emu.SendAsync(HttpMethod.Post, "/v1.0/oauth2/accessToken", new { appKey = TestEmulator.ClientId, appSecret = TestEmulator.ClientSecret });

        Assert.Equal(429, status);
        Assert.Equal("system.busy", body!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task LatencyFault_DelaysOnEmulatorClock()
    {
        await using var emu = await TestEmulator.StartAsync();
        await emu.SendAsync(HttpMethod.Post, "/_emulator/faults", new { path = "/gettoken", kind = "Latency", delayMs = 5000, count = 1 });

        var call = emu.SendAsync(HttpMethod.Get, $"/gettoken?appkey={TestEmulator.ClientId}&appsecret={TestEmulator.ClientSecret}");
        await Task.Delay(200);
        Assert.False(call.IsCompleted);
        emu.Time.Advance(TimeSpan.FromSeconds(5));
        var (status, body) = await call;

        Assert.Equal(200, status);
        Assert.Equal(0, body!["errcode"]!.GetValue<int>());
    }

    [Fact]
    public async Task FaultControl_BadKind_Returns400NamingAllowedKinds()
    {
        await using var emu = await TestEmulator.StartAsync();

        var (status, body) = await emu.SendAsync(HttpMethod.Post, "/_emulator/faults", new { path = "*", kind = "Explode" });

        Assert.Equal(400, status);
        Assert.Contains("QpsLimit", body!["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task QpsLimiter_MoreThanLimitInOneSecond_Returns403QpsLimitThenRecoversNextSecond()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.QpsLimit = 3);
        var token = await emu.GetTokenAsync();
        var limiter = emu.Get<DingGate.Emulator.Faults.QpsLimiter>();

        var results = Enumerable.Range(0, 4).Select(_ => limiter.TryAcquire(TestEmulator.ClientId, "POST /v1.0/x")).ToList();
        emu.Time.Advance(TimeSpan.FromSeconds(1));
        var afterSecond = limiter.TryAcquire(TestEmulator.ClientId, "POST /v1.0/x");
        var otherApi = limiter.TryAcquire(TestEmulator.ClientId, "POST /v1.0/y");

        Assert.Equal([true, true, true, false], results);
        Assert.True(afterSecond);
        Assert.True(otherApi);
        Assert.False(string.IsNullOrEmpty(token));
    }

    [Fact]
    public async Task QpsLimit_OverHttp_ThirdCallInOneSecondGets403EnvelopeAndNextSecondPasses()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.QpsLimit = 2);
        var token = await emu.GetTokenAsync();
        var body = new { downloadCode = "nope", robotCode = TestEmulator.ClientId };

        var codes = new List<string?>();
        for (var i = 0; i < 3; i++)
        {
            var (_, answer) = await emu.SendAsync(HttpMethod.Post, "/v1.0/robot/messageFiles/download", body, token);
            codes.Add(answer!["code"]?.GetValue<string>());
        }

        var (status, limited) = await emu.SendAsync(HttpMethod.Post, "/v1.0/robot/messageFiles/download", body, token);
        emu.Time.Advance(TimeSpan.FromSeconds(1));
        var (_, next) = await emu.SendAsync(HttpMethod.Post, "/v1.0/robot/messageFiles/download", body, token);

        Assert.Equal(["invalidParameter.robotCode.downloadCode", "invalidParameter.robotCode.downloadCode", "Forbidden.AccessDenied.QpsLimitForAppkeyAndApi"], codes);
        Assert.Equal(403, status);
        Assert.Equal("Forbidden.AccessDenied.QpsLimitForAppkeyAndApi", limited!["code"]!.GetValue<string>());
        Assert.Equal("invalidParameter.robotCode.downloadCode", next!["code"]!.GetValue<string>());
    }
}
