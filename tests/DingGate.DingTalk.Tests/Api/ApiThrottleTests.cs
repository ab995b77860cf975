using DingGate.DingTalk.Api;
using DingGate.DingTalk.Api.Models;
using DingGate.DingTalk.Tests.Support;
using DingGate.Emulator.Recording;

namespace DingGate.DingTalk.Tests.Api;

/// <summary>
/// Each throttle form the emulator can emit makes the client wait and retry (per second: about 1 s; per minute: past
/// the next wall-clock minute; suspended: 1/2/4 s), asserted on the recorded traffic and the fake clock.
/// </summary>
public sealed class ApiThrottleTests : IAsyncLifetime
{
    private const string DownloadPath = "/v1.0/robot/messageFiles/download";
    private const string WebhookPath = "/robot/sendBySession";
    private static readonly ApiClientOptions NoJitter = new() { RateLimitJitter = TimeSpan.Zero };
    private DingTalkTestEmulator _emu = null!;

    // Twenty seconds into a minute: a per-minute wait is 41 s, a per-second one 1 s.
    private static DateTimeOffset MinuteBoundary => DingTalkTestEmulator.Start + TimeSpan.FromMinutes(1);

    public async Task InitializeAsync()
    {
        _emu = await DingTalkTestEmulator.StartAsync();
        _emu.Time.Advance(TimeSpan.FromSeconds(20));
    }

    public async Task DisposeAsync() => await _emu.DisposeAsync();

    [Theory]
    [InlineData("QpsLimit", 403, "Forbidden.AccessDenied.QpsLimitForAppkeyAndApi")]
    [InlineData("QpsLimitForApi", 403, "Forbidden.AccessDenied.QpsLimitForApi")]
    [InlineData("SuiteQpsLimit", 403, "Forbidden.AccessDenied.QpsLimitForSuitekeyAndOrgAndApi")]
    [InlineData("SystemBusy", 429, "system.busy")]
    public async Task SendAsync_PerSecondLimitTwice_RetriedAboutASecondApartThenSucceeds(string kind, int status, string code)
    {
        var client = _emu.CreateClient(options: NoJitter);
        var downloadCode = await InjectPictureCodeAsync();
        await AddFaultAsync(new { path = DownloadPath, kind, count = 2 });

        var answer = await _emu.DriveAsync(DownloadUrlAsync(client, downloadCode), TimeSpan.FromMilliseconds(250));

        Assert.NotNull(answer.DownloadUrl);
        var calls = _emu.Calls(DownloadPath);
        Assert.Equal([status, status, 200], calls.Select(c => c.Status));
        Assert.Contains(code, calls[0].ResponseBody, StringComparison.Ordinal);
        Assert.All(Gaps(calls), gap => Assert.InRange(gap, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1.5)));
    }

    [Theory]
    [InlineData("QpmLimit", "Forbidden.AccessDenied.QpmLimitForAppkeyAndApi")]
    [InlineData("SuiteQpmLimit", "Forbidden.AccessDenied.QpmLimitForSuitekeyAndOrgAndApi")]
    public async Task SendAsync_PerMinuteLimit_RetriedOnlyAfterTheMinuteBoundary(string kind, string code)
    {
        var client = _emu.CreateClient();
        var downloadCode = await InjectPictureCodeAsync();
        await AddFaultAsync(new { path = DownloadPath, kind, count = 1 });

        var answer = await _emu.DriveAsync(DownloadUrlAsync(client, downloadCode), TimeSpan.FromSeconds(1), maxSteps: 90);

        Assert.NotNull(answer.DownloadUrl);
        var calls = _emu.Calls(DownloadPath);
        Assert.Equal([403, 200], calls.Select(c => c.Status));
        Assert.Contains(code, calls[0].ResponseBody, StringComparison.Ordinal);
        Assert.True(calls[0].At < MinuteBoundary);
        Assert.True(calls[1].At >= MinuteBoundary + new ApiClientOptions().MinuteLimitMargin, $"retried at {calls[1].At:O}, before the next minute");
    }

    [Theory]
    [InlineData(90018)]
    [InlineData(90002)]
    [InlineData(90001)]
    [InlineData(90004)]
    [InlineData(90014)]
    public async Task PostWebhookAsync_LegacyShortLimit_RetriedAfterASecond(int errcode)
    {
        var client = _emu.CreateClient(options: NoJitter);
        var webhook = await WebhookAsync();
        await AddFaultAsync(new { path = WebhookPath, kind = "LegacyThrottle", errcode, count = 1 });

        var result = await _emu.DriveAsync(client.ReplyTextAsync(webhook, "hi", null, default), TimeSpan.FromMilliseconds(250));

        Assert.Equal("0", result.Code);
        var calls = _emu.Calls(WebhookPath);
        Assert.Equal(2, calls.Count);
        Assert.Contains($"\"errcode\":{errcode}", calls[0].ResponseBody, StringComparison.Ordinal);
        Assert.Contains("\"errcode\":0", calls[1].ResponseBody, StringComparison.Ordinal);
        Assert.InRange(calls[1].At - calls[0].At, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1.5));
    }

    [Theory]
    [InlineData(90005)]
    [InlineData(90006)]
    public async Task PostWebhookAsync_LegacyPerMinuteLimit_RetriedOnlyAfterTheMinuteBoundary(int errcode)
    {
        var client = _emu.CreateClient();
        var webhook = await WebhookAsync();
        await AddFaultAsync(new { path = WebhookPath, kind = "LegacyThrottle", errcode, count = 1 });

        var result = await _emu.DriveAsync(client.ReplyTextAsync(webhook, "hi", null, default), TimeSpan.FromSeconds(1), maxSteps: 90);

        Assert.Equal("0", result.Code);
        var calls = _emu.Calls(WebhookPath);
        Assert.Equal(2, calls.Count);
        Assert.True(calls[0].At < MinuteBoundary);
        Assert.True(calls[1].At >= MinuteBoundary, $"retried at {calls[1].At:O}, before the next minute");
    }

    [Fact]
    public async Task PostWebhookAsync_LegacySuspendedThreeTimes_BacksOffOneTwoFourSeconds()
    {
        var client = _emu.CreateClient(options: NoJitter);
        var webhook = await WebhookAsync();
        await AddFaultAsync(new { path = WebhookPath, kind = "LegacyThrottle", errcode = 90002, count = 3 });

        await _emu.DriveAsync(client.ReplyTextAsync(webhook, "hi", null, default), TimeSpan.FromMilliseconds(250));

        var gaps = Gaps(_emu.Calls(WebhookPath));
        Assert.Equal(3, gaps.Count);
        Assert.InRange(gaps[0], TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1.5));
        Assert.InRange(gaps[1], TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2.5));
        Assert.InRange(gaps[2], TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(4.5));
    }

    [Fact]
    public async Task SendAsync_MonthlyQuotaSpent_ThrownWithoutRetry()
    {
        var client = _emu.CreateClient();
        var downloadCode = await InjectPictureCodeAsync();
        await AddFaultAsync(new { path = DownloadPath, kind = "ApiCountLimit", count = 5 });

        var ex = await Assert.ThrowsAsync<DingTalkApiException>(() => _emu.DriveAsync(DownloadUrlAsync(client, downloadCode), TimeSpan.FromSeconds(1)));
        _emu.Time.Advance(TimeSpan.FromMinutes(2));
        await Task.Delay(100);

        Assert.Equal("Forbidden.AccessDenied.ApiCountLimitForOrg", ex.Code);
        Assert.Single(_emu.Calls(DownloadPath));
    }

    [Fact]
    public async Task PostWebhookAsync_MonthlyQuotaErrcode_ThrownWithoutRetry()
    {
        var client = _emu.CreateClient();
        var webhook = await WebhookAsync();
        await AddFaultAsync(new { path = WebhookPath, kind = "ApiCountLimit", count = 5 });

        var ex = await Assert.ThrowsAsync<DingTalkApiException>(() => _emu.DriveAsync(client.ReplyTextAsync(webhook, "hi", null, default), TimeSpan.FromSeconds(1)));

        Assert.Equal("90020", ex.Code);
        Assert.Single(_emu.Calls(WebhookPath));
    }

    [Fact]
    public async Task SendAsync_PerMinuteLimitBeyondMaxThrottleWait_ThrownAfterTwoMinuteWaits()
    {
        var client = _emu.CreateClient();
        var downloadCode = await InjectPictureCodeAsync();
        await AddFaultAsync(new { path = DownloadPath, kind = "QpmLimit", count = 10 });

        var ex = await Assert.ThrowsAsync<DingTalkApiException>(
            () => _emu.DriveAsync(DownloadUrlAsync(client, downloadCode), TimeSpan.FromSeconds(2), maxSteps: 120));

        Assert.Equal("Forbidden.AccessDenied.QpmLimitForAppkeyAndApi", ex.Code);
        var calls = _emu.Calls(DownloadPath);
        Assert.Equal(3, calls.Count);
        Assert.True(calls[2].At >= MinuteBoundary + TimeSpan.FromMinutes(1), "the second wait also went past a minute boundary");
    }

    [Fact]
    public async Task SendAsync_CancelledWhileWaitingOutAMinuteLimit_EndsAtOnceWithoutRetry()
    {
        var client = _emu.CreateClient();
        var downloadCode = await InjectPictureCodeAsync();
        await AddFaultAsync(new { path = DownloadPath, kind = "QpmLimit", count = 1 });
        using var cancel = new CancellationTokenSource();

        var call = client.SendAsync<MessageFileDownloadResponse>(
            DingTalkHost.Api, HttpMethod.Post, DownloadPath, new MessageFileDownloadRequest(downloadCode, DingTalkTestEmulator.ClientId), ApiAuth.Token, cancel.Token);
        await TestWait.UntilAsync(() => _emu.Calls(DownloadPath).Count == 1, "the throttled call");
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Single(_emu.Calls(DownloadPath));
    }

    [Fact]
    public async Task EndThrottleWaits_CallWaitingOutAMinuteLimit_SentAtOnce()
    {
        var client = _emu.CreateClient();
        var downloadCode = await InjectPictureCodeAsync();
        await AddFaultAsync(new { path = DownloadPath, kind = "QpmLimit", count = 1 });
        var call = DownloadUrlAsync(client, downloadCode);
        await TestWait.UntilAsync(() => _emu.Calls(DownloadPath).Count == 1, "the throttled call");

        client.EndThrottleWaits();
        var answer = await call.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.NotNull(answer.DownloadUrl);
        var calls = _emu.Calls(DownloadPath);
        Assert.Equal([403, 200], calls.Select(c => c.Status));
        Assert.True(calls[1].At < MinuteBoundary, "the retry did not wait for the minute");
    }

    [Fact]
    public async Task SendAsync_OtherCallToAnEndpointHeldByAMinuteLimit_WaitsBeforeSending()
    {
        var client = _emu.CreateClient();
        var downloadCode = await InjectPictureCodeAsync();
        await AddFaultAsync(new { path = DownloadPath, kind = "QpmLimit", count = 1 });
        var first = DownloadUrlAsync(client, downloadCode);
        await TestWait.UntilAsync(() => _emu.Calls(DownloadPath).Count == 1, "the throttled call");

        var second = DownloadUrlAsync(client, downloadCode);
        await Task.Delay(200);
        Assert.Single(_emu.Calls(DownloadPath));
        _emu.Time.Advance(MinuteBoundary + TimeSpan.FromSeconds(2) - _emu.Time.GetUtcNow());
        await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(10));

        var calls = _emu.Calls(DownloadPath);
        Assert.Equal([403, 200, 200], calls.Select(c => c.Status));
        Assert.All(calls.Skip(1), c => Assert.True(c.At >= MinuteBoundary));
    }

    private static List<TimeSpan> Gaps(IReadOnlyList<RecordedHttpCall> calls) => calls.Zip(calls.Skip(1), (a, b) => b.At - a.At).ToList();

    private Task AddFaultAsync(object fault) => _emu.ControlAsync(HttpMethod.Post, "/_emulator/faults", fault);

    private async Task<Uri> WebhookAsync() => new((await _emu.InjectTextAsync())["sessionWebhook"]!.GetValue<string>());

    private async Task<string> InjectPictureCodeAsync()
    {
        var payload = await _emu.InjectMediaAsync("picture", "p.png", "image/png", [1, 2, 3]);
        return payload["content"]!["downloadCode"]!.GetValue<string>();
    }

    private static Task<MessageFileDownloadResponse> DownloadUrlAsync(DingTalkApiClient client, string code) =>
        client.SendAsync<MessageFileDownloadResponse>(
            DingTalkHost.Api, HttpMethod.Post, DownloadPath, new MessageFileDownloadRequest(code, DingTalkTestEmulator.ClientId), ApiAuth.Token, default);
}
