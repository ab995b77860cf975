using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using DingGate.DingTalk.Api;
using DingGate.DingTalk.Api.Models;
using DingGate.DingTalk.Tests.Support;

namespace DingGate.DingTalk.Tests.Api;

public sealed class DingTalkApiClientTests : IAsyncLifetime
{
    private const string DownloadPath = "/v1.0/robot/messageFiles/download";
    private DingTalkTestEmulator _emulator = null!;

    public async Task InitializeAsync() => _emulator = await DingTalkTestEmulator.StartAsync();

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task SendAsync_WrongDownloadCode_ApiEnvelopeMapped()
    {
        var client = _emulator.CreateClient();

        var ex = await Assert.ThrowsAsync<DingTalkApiException>(() => DownloadUrlAsync(client, "no-such-code"));

        var recorded = Assert.Single(_emulator.Calls(DownloadPath));
        var body = JsonNode.Parse(recorded.ResponseBody)!;
        Assert.Equal(400, ex.HttpStatus);
        Assert.Equal("invalidParameter.robotCode.downloadCode", ex.Code);
        Assert.Equal(body["message"]!.GetValue<string>(), ex.ErrorMessage);
        Assert.Equal(body["requestid"]!.GetValue<string>(), ex.RequestId);
        Assert.Equal("POST " + DownloadPath, ex.Endpoint);
        Assert.Contains(ex.RequestId!, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(await client.Tokens.GetTokenAsync(default), ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostWebhookAsync_UnknownSession_OapiEnvelopeMapped()
    {
        var client = _emulator.CreateClient();
        var url = new Uri(_emulator.Host.BaseUrl, "/robot/sendBySession?session=0123456789abcdef0123456789abcdef");

        var ex = await Assert.ThrowsAsync<DingTalkApiException>(() => client.ReplyTextAsync(url, "hi", null, default));

        Assert.Equal(200, ex.HttpStatus);
        Assert.Equal("300001", ex.Code);
        Assert.Equal("session 不存在", ex.ErrorMessage);
        Assert.Equal("POST /robot/sendBySession", ex.Endpoint);
        Assert.DoesNotContain("0123456789abcdef", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, _emulator.TokenRequests);
    }

    [Fact]
    public async Task ReplyTextAsync_LiveSession_PostsExactBodyWithoutToken()
    {
        var client = _emulator.CreateClient();
        var injected = await _emulator.InjectTextAsync();
        var webhook = new Uri(injected["sessionWebhook"]!.GetValue<string>());

        var result = await client.ReplyTextAsync(webhook, "你好 +1", ["user001"], default);

        Assert.Equal("0", result.Code);
        var call = Assert.Single(_emulator.Calls("/robot/sendBySession"));
        Assert.Equal("{\"text\":{\"content\":\"你好 +1\"},\"at\":{\"atUserIds\":[\"user001\"],\"isAtAll\":false},\"msgtype\":\"text\"}", call.RequestBody);
        Assert.False(call.RequestHeaders.ContainsKey("x-acs-dingtalk-access-token"));
        Assert.DoesNotContain("access_token", call.Query, StringComparison.Ordinal);
        Assert.Equal(0, _emulator.TokenRequests);
    }

    [Theory]
    [InlineData("http://127.0.0.2:{port}/robot/sendBySession?session=x")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("https://evil.example.com/robot/sendBySession")]
    [InlineData("https://dingtalk.com.evil.net/robot/sendBySession")]
    public async Task PostWebhookAsync_ForeignHost_RejectedBeforeSending(string template)
    {
        var client = _emulator.CreateClient();
        var url = new Uri(template.Replace("{port}", _emulator.Host.BaseUrl.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

        var ex = await Assert.ThrowsAsync<DingTalkUrlRejectedException>(() => client.ReplyTextAsync(url, "hi", null, default));

        Assert.Contains(url.Host, ex.Message, StringComparison.Ordinal);
        Assert.Empty(_emulator.Recorder.HttpCalls);
    }

    [Fact]
    public async Task SendAsync_QpsFaultTwice_SucceedsAfterBackoff()
    {
        var client = _emulator.CreateClient();
        var code = await InjectPictureCodeAsync();
        await _emulator.ControlAsync(HttpMethod.Post, "/_emulator/faults", new { path = DownloadPath, kind = "QpsLimit", count = 2 });

        var answer = await _emulator.DriveAsync(DownloadUrlAsync(client, code), TimeSpan.FromSeconds(1));

        Assert.NotNull(answer.DownloadUrl);
        var calls = _emulator.Calls(DownloadPath);
        Assert.Equal([403, 403, 200], calls.Select(c => c.Status));
        Assert.Contains("Forbidden.AccessDenied.QpsLimitForAppkeyAndApi", calls[0].ResponseBody, StringComparison.Ordinal);
        Assert.True(calls[2].At - calls[0].At >= TimeSpan.FromSeconds(2), "each retry waited at least 1 s on the clock");
    }

    [Fact]
    public async Task SendAsync_QpsFaultBeyondRetries_Throws()
    {
        var client = _emulator.CreateClient();
        var code = await InjectPictureCodeAsync();
        await _emulator.ControlAsync(HttpMethod.Post, "/_emulator/faults", new { path = DownloadPath, kind = "QpsLimit", count = 10 });

        var ex = await Assert.ThrowsAsync<DingTalkApiException>(() => _emulator.DriveAsync(DownloadUrlAsync(client, code), TimeSpan.FromSeconds(1)));

        Assert.Equal("Forbidden.AccessDenied.QpsLimitForAppkeyAndApi", ex.Code);
        Assert.Equal(4, _emulator.Calls(DownloadPath).Count);
    }

    [Fact]
    public async Task SendAsync_ThirtyCallsAtOnce_AtMostTwentyPerEmulatorSecond()
    {
        // Adapted for issue 14: a permit now comes back one second plus the margin (apiWindowMarginMs, 20 ms) after its
        // call went out, so the clock moves by that much; the bucket is this API's own (the token call has its own).
        var client = _emulator.CreateClient();
        var window = TimeSpan.FromSeconds(1) + client.Account.ApiWindowMargin;
        var code = await InjectPictureCodeAsync();
        await DownloadUrlAsync(client, code);
        _emulator.Time.Advance(window);

        var calls = Enumerable.Range(0, 30).Select(_ => DownloadUrlAsync(client, code)).ToList();
        await TestWait.UntilAsync(() => _emulator.Calls(DownloadPath).Count >= 21, "the first 20 calls of the burst");
        Assert.Equal(21, _emulator.Calls(DownloadPath).Count);
        _emulator.Time.Advance(window);
        await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(30));

        var recorded = _emulator.Calls(DownloadPath);
        Assert.Equal(31, recorded.Count);
        Assert.All(recorded, c => Assert.Equal(200, c.Status));
        Assert.Equal([1, 20, 10], recorded.GroupBy(c => c.At.ToUnixTimeSeconds()).OrderBy(g => g.Key).Select(g => g.Count()));
    }

    [Fact]
    public async Task SendAsync_Call_RecordsMetricsWithEndpointStatusAccount()
    {
        var measurements = new List<(string Instrument, long Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == DingTalkApiMetrics.MeterName && instrument.Meter.Scope == _emulator.MeterFactory)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            lock (measurements)
            {
                measurements.Add((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
            }
        });
        listener.Start();
        var client = _emulator.CreateClient();

        await Assert.ThrowsAsync<DingTalkApiException>(() => DownloadUrlAsync(client, "bad"));

        var calls = measurements.Where(m => m.Instrument == "dingtalk.api.calls").ToList();
        Assert.Equal(2, calls.Count);
        Assert.Equal("POST /v1.0/oauth2/accessToken", calls[0].Tags["endpoint"]);
        Assert.Equal("200", calls[0].Tags["status"]);
        Assert.Equal("POST " + DownloadPath, calls[1].Tags["endpoint"]);
        Assert.Equal("400 invalidParameter.robotCode.downloadCode", calls[1].Tags["status"]);
        Assert.Equal("default", calls[1].Tags["account"]);
        Assert.Single(measurements, m => m.Instrument == "dingtalk.api.token_fetches");
    }

    private async Task<string> InjectPictureCodeAsync()
    {
        var payload = await _emulator.InjectMediaAsync("picture", "p.png", "image/png", [1, 2, 3]);
        return payload["content"]!["downloadCode"]!.GetValue<string>();
    }

    private static Task<MessageFileDownloadResponse> DownloadUrlAsync(DingTalkApiClient client, string code) =>
        client.SendAsync<MessageFileDownloadResponse>(
            DingTalkHost.Api, HttpMethod.Post, DownloadPath, new MessageFileDownloadRequest(code, DingTalkTestEmulator.ClientId), ApiAuth.Token, default);
}
