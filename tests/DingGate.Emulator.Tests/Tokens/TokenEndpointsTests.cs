using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DingGate.Emulator.Tests.Support;

namespace DingGate.Emulator.Tests.Tokens;

public sealed class TokenEndpointsTests
{
    [Fact]
    public async Task AccessToken_ValidCredentials_Returns7200sToken()
    {
        await using var emu = await TestEmulator.StartAsync();

        var (status, body) = await emu.SendAsync(HttpMethod.Post, "/v1.0/oauth2/accessToken", new { appKey = TestEmulator.ClientId, appSecret = TestEmulator.ClientSecret });

        Assert.Equal(200, status);
        Assert.Equal(32, body!["accessToken"]!.GetValue<string>().Length);
        Assert.Equal(7200, body["expireIn"]!.GetValue<long>());
    }

    [Fact]
    public async Task AccessToken_WrongSecret_ReturnsInvalidClientIdOrSecretEnvelope()
    {
        await using var emu = await TestEmulator.StartAsync();

        using var response = await emu.Http.PostAsJsonAsync("/v1.0/oauth2/accessToken", new { appKey = TestEmulator.ClientId, appSecret = "wrong" });
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalidClientIdOrSecret", body!["code"]!.GetValue<string>());
        Assert.Equal("无效的clientId或者clientSecret", body["message"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(body["requestid"]!.GetValue<string>()));
        Assert.True(response.Headers.Contains("x-acs-request-id"));
        Assert.DoesNotContain("wrong", body.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccessToken_FormBody_IsRejectedWith400()
    {
        await using var emu = await TestEmulator.StartAsync();

        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["appKey"] = TestEmulator.ClientId, ["appSecret"] = TestEmulator.ClientSecret });
        using var response = await emu.Http.PostAsync("/v1.0/oauth2/accessToken", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task AccessToken_AskedAgainWhileValid_ReturnsSameTokenAndExtendsIt()
    {
        await using var emu = await TestEmulator.StartAsync();
        var first = await emu.GetTokenAsync();

        emu.Time.Advance(TimeSpan.FromSeconds(7000));
        var second = await emu.GetTokenAsync();
        emu.Time.Advance(TimeSpan.FromSeconds(7000)); // 14 000 s after the first issue, 7 000 s after the renewal

        Assert.Equal(first, second);
        Assert.True(TokenIsAccepted(emu, second));
    }

    [Fact]
    public async Task AccessToken_AfterExpiry_IssuesNewTokenAndOldOneIsInvalid()
    {
        await using var emu = await TestEmulator.StartAsync();
        var first = await emu.GetTokenAsync();

        emu.Time.Advance(TimeSpan.FromSeconds(7201));
        var second = await emu.GetTokenAsync();

        Assert.NotEqual(first, second);
        Assert.False(TokenIsAccepted(emu, first));
    }

    [Fact]
    public async Task LegacyGetToken_ValidCredentials_ReturnsErrcodeZeroAndSameTokenAsNewApi()
    {
        await using var emu = await TestEmulator.StartAsync();
        var fromNew = await emu.GetTokenAsync();

        var body = await emu.Http.GetFromJsonAsync<JsonObject>($"/gettoken?appkey={TestEmulator.ClientId}&appsecret={TestEmulator.ClientSecret}");

        Assert.Equal(0, body!["errcode"]!.GetValue<int>());
        Assert.Equal("ok", body["errmsg"]!.GetValue<string>());
        Assert.Equal(7200, body["expires_in"]!.GetValue<long>());
        Assert.Equal(fromNew, body["access_token"]!.GetValue<string>());
    }

    [Fact]
    public async Task LegacyGetToken_WrongSecret_Returns200WithErrcode40089()
    {
        await using var emu = await TestEmulator.StartAsync();

        using var response = await emu.Http.GetAsync($"/gettoken?appkey={TestEmulator.ClientId}&appsecret=nope");
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(40089, body!["errcode"]!.GetValue<int>());
    }

    [Fact]
    public async Task RevokeControl_RevokedToken_IsRejectedAndNextAskIssuesNewOne()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();

        var (status, body) = await emu.SendAsync(HttpMethod.Post, "/_emulator/tokens/revoke", new { clientId = TestEmulator.ClientId });

        Assert.Equal(200, status);
        Assert.Equal(1, body!["revoked"]!.GetValue<int>());
        Assert.False(TokenIsAccepted(emu, token));
        Assert.NotEqual(token, await emu.GetTokenAsync());
    }

    [Fact]
    public async Task TokenStore_TokenCheckedOnOapiHost_ByQueryParameter()
    {
        await using var emu = await TestEmulator.StartAsync();
        var auth = emu.Get<DingGate.Emulator.Tokens.TokenAuth>();
        var token = await emu.GetTokenAsync();
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Request.QueryString = new Microsoft.AspNetCore.Http.QueryString("?access_token=" + token);

        var (app, error) = auth.Legacy(context);

        Assert.Null(error);
        Assert.Equal(TestEmulator.ClientId, app!.ClientId);
    }

    // Whether the api-host token check (header x-acs-dingtalk-access-token) accepts this token.
    private static bool TokenIsAccepted(TestEmulator emu, string token)
    {
        var auth = emu.Get<DingGate.Emulator.Tokens.TokenAuth>();
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Request.Headers["x-acs-dingtalk-access-token"] = token;
        return auth.Api(context).Error is null;
    }
}
