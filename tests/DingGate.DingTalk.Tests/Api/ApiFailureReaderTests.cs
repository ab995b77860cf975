using System.Net;
using System.Net.Http.Headers;
using System.Text;
using DingGate.DingTalk.Api;

namespace DingGate.DingTalk.Tests.Api;

public sealed class ApiFailureReaderTests
{
    [Theory]
    [InlineData("{\"errcode\":\"40014\",\"errmsg\":\"不合法的access_token\"}", "40014", true)]
    [InlineData("{\"errcode\":42001,\"errmsg\":\"access_token超时\"}", "42001", true)]
    [InlineData("{\"errcode\":\"90018\",\"errmsg\":\"qps\"}", "90018", false)]
    public void FromOapiBody_NumberOrStringErrcode_Parsed(string body, string code, bool invalidToken)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK);

        var failure = ApiFailureReader.FromOapiBody(response, Encoding.UTF8.GetBytes(body));

        Assert.NotNull(failure);
        Assert.Equal(code, failure.Code);
        Assert.Equal(invalidToken, failure.IsInvalidToken);
        Assert.Equal(code == "90018", failure.IsRateLimited);
    }

    [Theory]
    [InlineData("{\"errcode\":\"0\",\"errmsg\":\"ok\"}")]
    [InlineData("{\"errcode\":0,\"errmsg\":\"ok\",\"media_id\":\"x\"}")]
    [InlineData("{\"accessToken\":\"t\"}")]
    public void FromOapiBody_Success_Null(string body)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK);

        Assert.Null(ApiFailureReader.FromOapiBody(response, Encoding.UTF8.GetBytes(body)));
    }

    [Fact]
    public void FromErrorStatus_CamelRequestIdAndRetryAfter_Read()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(3));

        var failure = ApiFailureReader.FromErrorStatus(response, Encoding.UTF8.GetBytes("{\"code\":\"system.busy\",\"message\":\"request too frequest\",\"requestId\":\"R1\"}"));

        Assert.Equal("system.busy", failure.Code);
        Assert.Equal("R1", failure.RequestId);
        Assert.Equal(TimeSpan.FromSeconds(3), failure.RetryAfter);
        Assert.True(failure.IsRateLimited);
    }

    [Fact]
    public void FromErrorStatus_HtmlBody_StatusAndRequestIdHeader()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.BadGateway) { ReasonPhrase = "Bad Gateway" };
        response.Headers.Add("x-acs-request-id", "H1");

        var failure = ApiFailureReader.FromErrorStatus(response, Encoding.UTF8.GetBytes("<html>busy</html>"));

        Assert.Null(failure.Code);
        Assert.Equal("H1", failure.RequestId);
        Assert.True(failure.IsServerError);
        Assert.Equal("DingTalk call POST /x failed: HTTP 502, code (none): Bad Gateway (requestid H1)", failure.ToException("POST /x").Message);
    }

    [Theory]
    [InlineData(400, "InvalidAuthentication", true)]
    [InlineData(401, "InvalidAuthentication", true)]
    [InlineData(403, "Forbidden.AccessDenied.AccessTokenPermissionDenied", false)]
    [InlineData(403, "Forbidden.AccessDenied.QpsLimitForApi", false)]
    public void IsInvalidToken_ApiCodes_Classified(int status, string code, bool expected)
    {
        Assert.Equal(expected, new ApiFailure(status, code, null, null, null).IsInvalidToken);
    }

    [Theory]
    [InlineData(403, "Forbidden.AccessDenied.QpsLimitForAppkeyAndApi", "PerSecond")]
    [InlineData(403, "Forbidden.AccessDenied.QpsLimitForApi", "PerSecond")]
    [InlineData(403, "Forbidden.AccessDenied.QpsLimitForSuitekeyAndOrgAndApi", "PerSecond")]
    [InlineData(403, "QpsLimit.Exceed", "PerSecond")]
    [InlineData(403, "Forbidden.AccessDenied.QpmLimitForAppkeyAndApi", "PerMinute")]
    [InlineData(403, "Forbidden.AccessDenied.QpmLimitForSuitekeyAndOrgAndApi", "PerMinute")]
    [InlineData(429, "system.busy", "PerSecond")]
    [InlineData(429, null, "PerSecond")]
    [InlineData(400, "qps.exceed.limit", "PerSecond")]
    [InlineData(200, "90018", "PerSecond")]
    [InlineData(200, "90005", "PerMinute")]
    [InlineData(200, "90006", "PerMinute")]
    [InlineData(200, "90001", "Suspended")]
    [InlineData(200, "90002", "Suspended")]
    [InlineData(200, "90014", "Suspended")]
    [InlineData(403, "Forbidden.AccessDenied.ApiCountLimitForOrg", "Quota")]
    [InlineData(200, "90020", "Quota")]
    [InlineData(403, "Forbidden.AccessDenied.AccessTokenPermissionDenied", "None")]
    [InlineData(400, "Forbidden.AccessDenied.QpsLimitForApi", "None")]
    [InlineData(200, "90019", "None")]
    [InlineData(503, null, "None")]
    public void Throttle_StatusAndCode_Classified(int status, string? code, string kind)
    {
        var expected = Enum.Parse<ApiThrottle>(kind);
        var failure = new ApiFailure(status, code, null, null, null);

        Assert.Equal(expected, failure.Throttle);
        Assert.Equal(expected is ApiThrottle.PerSecond or ApiThrottle.PerMinute or ApiThrottle.Suspended, failure.IsRateLimited);
    }
}
