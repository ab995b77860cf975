using DingGate.DingTalk.Api;
using DingGate.DingTalk.Api.Models;
using DingGate.DingTalk.Tests.Support;

namespace DingGate.DingTalk.Tests.Api;

public sealed class AccessTokenTests : IAsyncLifetime
{
    private DingTalkTestEmulator _emulator = null!;

    public async Task InitializeAsync() => _emulator = await DingTalkTestEmulator.StartAsync(o => o.QpsLimitEnabled = false);

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task SendAsync_HundredCalls_FetchesTokenOnce()
    {
        var client = _emulator.CreateClient(_emulator.Account() with { ApiQps = 1000 });
        var code = await InjectPictureCodeAsync();

        for (var i = 0; i < 100; i++)
        {
            var answer = await client.SendAsync<MessageFileDownloadResponse>(
                DingTalkHost.Api, HttpMethod.Post, "/v1.0/robot/messageFiles/download", new MessageFileDownloadRequest(code, DingTalkTestEmulator.ClientId), ApiAuth.Token, default);
            Assert.NotNull(answer.DownloadUrl);
        }

        Assert.Equal(1, _emulator.TokenRequests);
        var calls = _emulator.Calls("/v1.0/robot/messageFiles/download");
        Assert.Equal(100, calls.Count);
        var token = await client.Tokens.GetTokenAsync(default);
        Assert.All(calls, c => Assert.Equal(token, c.RequestHeaders["x-acs-dingtalk-access-token"]));
        Assert.Equal("{\"downloadCode\":\"" + code + "\",\"robotCode\":\"dingtestapp001\"}", calls[0].RequestBody);
        // The recorder masks the secret (and, as of this writing, leaves a doubled closing quote after the mask).
        Assert.StartsWith("{\"appKey\":\"dingtestapp001\",\"appSecret\":\"***\"", _emulator.Calls("/v1.0/oauth2/accessToken")[0].RequestBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTokenAsync_PastRefreshMargin_FetchesAgain()
    {
        var client = _emulator.CreateClient();
        await client.Tokens.GetTokenAsync(default);

        // 7200 s lifetime, 5 min margin: cached until 6900 s, fetched again from then on.
        _emulator.Time.Advance(TimeSpan.FromSeconds(6899));
        await client.Tokens.GetTokenAsync(default);
        Assert.Equal(1, _emulator.TokenRequests);

        _emulator.Time.Advance(TimeSpan.FromSeconds(2));
        await client.Tokens.GetTokenAsync(default);
        Assert.Equal(2, _emulator.TokenRequests);
    }

    [Fact]
    public async Task GetTokenAsync_FiftyConcurrentCallers_OneRequest()
    {
        var client = _emulator.CreateClient();

        var tokens = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => client.Tokens.GetTokenAsync(default).AsTask()));

        Assert.Equal(1, _emulator.TokenRequests);
        Assert.Single(tokens.Distinct());
    }

    [Fact]
    public async Task SendAsync_TokenRevoked_InvalidatesAndRetriesOnce()
    {
        var client = _emulator.CreateClient();
        var code = await InjectPictureCodeAsync();
        await DownloadUrlAsync(client, code);

        await _emulator.ControlAsync(HttpMethod.Post, "/_emulator/tokens/revoke", new { clientId = DingTalkTestEmulator.ClientId });
        var answer = await DownloadUrlAsync(client, code);

        Assert.NotNull(answer.DownloadUrl);
        Assert.Equal(2, _emulator.TokenRequests);
        var calls = _emulator.Calls("/v1.0/robot/messageFiles/download");
        Assert.Equal([200, 400, 200], calls.Select(c => c.Status));
        Assert.Contains("InvalidAuthentication", calls[1].ResponseBody, StringComparison.Ordinal);
        Assert.NotEqual(calls[1].RequestHeaders["x-acs-dingtalk-access-token"], calls[2].RequestHeaders["x-acs-dingtalk-access-token"]);
    }

    [Fact]
    public async Task SendAsync_ServerErrorOnNonIdempotentCall_NotRetried()
    {
        var client = _emulator.CreateClient();
        var code = await InjectPictureCodeAsync();
        await _emulator.ControlAsync(HttpMethod.Post, "/_emulator/faults", new { path = "/v1.0/robot/messageFiles/download", kind = "Status", status = 503, count = 5 });

        var ex = await Assert.ThrowsAsync<DingTalkApiException>(() => DownloadUrlAsync(client, code));

        Assert.Equal(503, ex.HttpStatus);
        Assert.Single(_emulator.Calls("/v1.0/robot/messageFiles/download"));
    }

    [Fact]
    public async Task GetTokenAsync_WrongSecret_CredentialsExceptionWithoutSecret()
    {
        const string wrongSecret = "wrong-secret-xyz";
        var client = _emulator.CreateClient(_emulator.Account(secret: wrongSecret));

        var ex = await Assert.ThrowsAsync<DingTalkCredentialsException>(() => client.Tokens.GetTokenAsync(default).AsTask());

        Assert.Contains("dingtestapp001", ex.Message, StringComparison.Ordinal);
        Assert.Contains("invalidClientIdOrSecret", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongSecret, ex.ToString(), StringComparison.Ordinal);
        Assert.Equal("dingtestapp001", ex.ClientId);
        Assert.Equal(1, _emulator.TokenRequests);
    }

    [Fact]
    public async Task GetTokenAsync_FiftyConcurrentCallersWrongSecret_OneRequestAllFail()
    {
        var client = _emulator.CreateClient(_emulator.Account(secret: "wrong"));

        // The token answer is held (emulator clock) until every caller has queued.
        await _emulator.ControlAsync(HttpMethod.Post, "/_emulator/faults", new { path = "/v1.0/oauth2/accessToken", kind = "Latency", delayMs = 1000, count = 1 });
        var attempts = Enumerable.Range(0, 50).Select(_ => client.Tokens.GetTokenAsync(default).AsTask()).ToList();
        await Assert.ThrowsAsync<DingTalkCredentialsException>(() => _emulator.DriveAsync(attempts[0], TimeSpan.FromSeconds(1)));
        foreach (var attempt in attempts)
        {
            await Assert.ThrowsAsync<DingTalkCredentialsException>(() => attempt.WaitAsync(TimeSpan.FromSeconds(30)));
        }

        Assert.Equal(1, _emulator.TokenRequests);

        // A later call (not queued behind the failure) tries again.
        await Assert.ThrowsAsync<DingTalkCredentialsException>(() => client.Tokens.GetTokenAsync(default).AsTask());
        Assert.Equal(2, _emulator.TokenRequests);
    }

    [Fact]
    public async Task GetTokenAsync_ServerErrors_RetriedWithBackoff()
    {
        var client = _emulator.CreateClient();
        await _emulator.ControlAsync(HttpMethod.Post, "/_emulator/faults", new { path = "/v1.0/oauth2/accessToken", kind = "Status", status = 503, count = 2 });

        var token = await _emulator.DriveAsync(client.Tokens.GetTokenAsync(default).AsTask(), TimeSpan.FromMilliseconds(500));

        Assert.False(string.IsNullOrEmpty(token));
        Assert.Equal([503, 503, 200], _emulator.Calls("/v1.0/oauth2/accessToken").Select(c => c.Status));
    }

    private async Task<string> InjectPictureCodeAsync()
    {
        var payload = await _emulator.InjectMediaAsync("picture", "p.png", "image/png", [1, 2, 3]);
        return payload["content"]!["downloadCode"]!.GetValue<string>();
    }

    private static Task<MessageFileDownloadResponse> DownloadUrlAsync(DingTalkApiClient client, string code) =>
        client.SendAsync<MessageFileDownloadResponse>(
            DingTalkHost.Api, HttpMethod.Post, "/v1.0/robot/messageFiles/download", new MessageFileDownloadRequest(code, DingTalkTestEmulator.ClientId), ApiAuth.Token, default);
}
