using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DingGate.Emulator.Tests.Support;

namespace DingGate.Emulator.Tests.Faults;

/// <summary>Every throttle form DingTalk documents, as a fault kind, with its exact envelope on both hosts.</summary>
public sealed class ThrottleFaultTests
{
    private const string ApiRoute = "/v1.0/robot/messageFiles/download";
    private const string OapiRoute = "/gettoken";

    [Theory]
    [InlineData("QpsLimit", "Forbidden.AccessDenied.QpsLimitForAppkeyAndApi", "当前应用调用该接口的QPS超过限制，所有请求都被暂时禁用了")]
    [InlineData("QpsLimitForApi", "Forbidden.AccessDenied.QpsLimitForApi", "触发了当前开放接口的全局QPS限流")]
    [InlineData("QpmLimit", "Forbidden.AccessDenied.QpmLimitForAppkeyAndApi", "当前企业应用调用开放接口触发了QPM限流")]
    [InlineData("SuiteQpsLimit", "Forbidden.AccessDenied.QpsLimitForSuitekeyAndOrgAndApi", "ISV应用调用当前企业的开放接口触发了QPS限流")]
    [InlineData("SuiteQpmLimit", "Forbidden.AccessDenied.QpmLimitForSuitekeyAndOrgAndApi", "ISV应用调用当前企业的开放接口触发了QPM限流")]
    public async Task ThrottleKind_OnApiRoute_Exact403EnvelopeThenServedAfterCount(string kind, string code, string message)
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();
        await AddFaultAsync(emu, new { path = ApiRoute, kind, count = 2 });

        var first = await CallApiAsync(emu, token);
        var second = await CallApiAsync(emu, token);
        var third = await CallApiAsync(emu, token);

        Assert.Equal(403, first.Status);
        Assert.Equal(["code", "message", "requestid"], first.Body.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(code, (string?)first.Body["code"]);
        Assert.Equal(message, (string?)first.Body["message"]);
        Assert.Equal(first.RequestIdHeader, (string?)first.Body["requestid"]);
        Assert.False(string.IsNullOrEmpty(first.RequestIdHeader));
        Assert.Equal(403, second.Status);
        Assert.Equal(code, (string?)second.Body["code"]);
        Assert.Equal(400, third.Status);
        Assert.Equal("invalidParameter.robotCode.downloadCode", (string?)third.Body["code"]);
    }

    [Theory]
    [InlineData("QpsLimit", 90018)]
    [InlineData("QpsLimitForApi", 90002)]
    [InlineData("QpmLimit", 90006)]
    [InlineData("SuiteQpsLimit", 90014)]
    [InlineData("SuiteQpmLimit", 90014)]
    public async Task ThrottleKind_OnOapiRoute_LegacyErrcodeEnvelope(string kind, int errcode)
    {
        await using var emu = await TestEmulator.StartAsync();
        await AddFaultAsync(emu, new { path = OapiRoute, kind, count = 1 });

        var (status, body) = await GetTokenLegacyAsync(emu);
        var (_, after) = await GetTokenLegacyAsync(emu);

        Assert.Equal(200, status);
        Assert.Equal(["errcode", "errmsg"], body!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(errcode, body["errcode"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty((string?)body["errmsg"]));
        Assert.Equal(0, after!["errcode"]!.GetValue<int>());
    }

    [Theory]
    [InlineData(90001, "您的服务器调用钉钉开放平台所有接口的请求都被暂时禁用了")]
    [InlineData(90002, "您的服务器调用钉钉开放平台当前接口的所有请求都被暂时禁用了")]
    [InlineData(90003, "您的企业调用钉钉开放平台所有接口的请求都被暂时禁用了,仅对企业自己的Accesstoken有效")]
    [InlineData(90004, "您当前使用的CorpId及CorpSecret被暂时禁用了,仅对企业自己的Accesstoken有效")]
    [InlineData(90005, "您的企业调用当前接口次数过多,请求被暂时禁用了,仅对企业自己的Accesstoken有效")]
    [InlineData(90006, "您当前使用的CorpId及CorpSecret调用当前接口次数过多,请求被暂时禁用了,仅对企业自己的Accesstoken有效")]
    [InlineData(90007, "您当前要调用的企业的接口次数过多,对该企业的所有请求都被暂时禁用了,仅对isv代其它企业调用的Accesstoken有效")]
    [InlineData(90010, "您调用企业当前接口超过了限制,对所有企业的该接口的请求都被暂时禁用了,仅对isv代其它企业调用的Accesstoken有效")]
    [InlineData(90014, "您的套件调用当前企业的当前接口超过了限制,该套件对此企业该接口的所有请求都被暂时禁用了,仅对isv代其它企业调用的Accesstoken有效")]
    [InlineData(90018, "当前应用调用该接口的QPS超过限制")]
    public async Task LegacyThrottle_OnOapiRoute_ExactErrcodeAndErrmsg(int errcode, string errmsg)
    {
        await using var emu = await TestEmulator.StartAsync();
        await AddFaultAsync(emu, new { path = OapiRoute, kind = "LegacyThrottle", errcode, count = 1 });

        var (status, body) = await GetTokenLegacyAsync(emu);

        Assert.Equal(200, status);
        Assert.Equal(new JsonObject { ["errcode"] = errcode, ["errmsg"] = errmsg }.ToJsonString(), body!.ToJsonString());
    }

    [Fact]
    public async Task LegacyThrottle_OnEveryRoute_LeavesApiRoutesAlone()
    {
        await using var emu = await TestEmulator.StartAsync();
        await AddFaultAsync(emu, new { path = "*", kind = "LegacyThrottle", errcode = 90002 });

        var token = await emu.GetTokenAsync();
        var (_, legacy) = await GetTokenLegacyAsync(emu);

        Assert.False(string.IsNullOrEmpty(token));
        Assert.Equal(90002, legacy!["errcode"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("{\"path\":\"/gettoken\",\"kind\":\"LegacyThrottle\"}", "'errcode' must be one of 90001")]
    [InlineData("{\"path\":\"/gettoken\",\"kind\":\"LegacyThrottle\",\"errcode\":90020}", "'errcode' must be one of")]
    [InlineData("{\"path\":\"/v1.0/card/streaming\",\"kind\":\"LegacyThrottle\",\"errcode\":90018}", "oapi route")]
    [InlineData("{\"path\":\"/gettoken\",\"kind\":\"QpmLimit\",\"errcode\":90006}", "only taken by kind LegacyThrottle")]
    public async Task FaultControl_BadThrottleFault_Returns400Saying(string body, string error)
    {
        await using var emu = await TestEmulator.StartAsync();

        var (status, answer) = await emu.SendAsync(HttpMethod.Post, "/_emulator/faults", body);

        Assert.Equal(400, status);
        Assert.Contains(error, (string?)answer!["error"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task FaultControl_LegacyThrottle_ListedWithErrcode()
    {
        await using var emu = await TestEmulator.StartAsync();
        await AddFaultAsync(emu, new { path = OapiRoute, kind = "LegacyThrottle", errcode = 90005, count = 3 });

        var (_, listed) = await emu.SendAsync(HttpMethod.Get, "/_emulator/faults");

        var fault = Assert.Single(listed!["routes"]!.AsArray())!;
        Assert.Equal("LegacyThrottle", (string?)fault["kind"]);
        Assert.Equal(90005, fault["errcode"]!.GetValue<int>());
        Assert.Equal(3, fault["remaining"]!.GetValue<int>());
    }

    private static async Task AddFaultAsync(TestEmulator emu, object fault)
    {
        var (status, body) = await emu.SendAsync(HttpMethod.Post, "/_emulator/faults", fault);
        Assert.True(status == 200, body?.ToJsonString());
    }

    private static Task<(int Status, JsonNode? Body)> GetTokenLegacyAsync(TestEmulator emu) =>
        emu.SendAsync(HttpMethod.Get, $"{OapiRoute}?appkey={TestEmulator.ClientId}&appsecret={TestEmulator.ClientSecret}");

    private static async Task<(int Status, JsonObject Body, string? RequestIdHeader)> CallApiAsync(TestEmulator emu, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, ApiRoute)
        {
            Content = JsonContent.Create(new { downloadCode = "nope", robotCode = TestEmulator.ClientId }),
        };
        request.Headers.Add("x-acs-dingtalk-access-token", token);
        using var response = await emu.Http.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        var requestId = response.Headers.TryGetValues("x-acs-request-id", out var values) ? values.First() : null;
        return ((int)response.StatusCode, body, requestId);
    }
}
