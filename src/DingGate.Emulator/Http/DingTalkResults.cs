using System.Text.Json.Nodes;
using DingGate.Emulator.Fixtures;
using Microsoft.AspNetCore.Http;

namespace DingGate.Emulator.Http;

/// <summary>
/// The two DingTalk error envelopes (spec §0.4) and success bodies, with the response headers DingTalk sends.
/// New-style (api host): non-2xx with <c>{code, requestid, message}</c>. Legacy (oapi host): HTTP 200 with <c>{errcode, errmsg}</c>.
/// </summary>
internal sealed class DingTalkResults(IdGenerator ids)
{
    public IResult ApiError(int status, string code, string message)
    {
        var requestId = ids.NewRequestId();
        var body = new JsonObject { ["code"] = code, ["requestid"] = requestId, ["message"] = message };
        return new JsonNodeResult(body, status, requestId, ids.NewHex(32));
    }

    public IResult LegacyError(int errcode, string errmsg) =>
        Legacy(new JsonObject { ["errcode"] = errcode, ["errmsg"] = errmsg });

    public IResult Legacy(JsonObject body) => new JsonNodeResult(body, StatusCodes.Status200OK, null, null);

    public IResult Ok(JsonNode body)
    {
        var requestId = ids.NewRequestId();
        return new JsonNodeResult(body, StatusCodes.Status200OK, requestId, ids.NewHex(32));
    }

    /// <summary>Well-known new-style errors shared by several routes.</summary>
    public IResult InvalidToken() => ApiError(StatusCodes.Status400BadRequest, "InvalidAuthentication", "不合法的access_token");

    public IResult PermissionDenied() =>
        ApiError(StatusCodes.Status403Forbidden, "Forbidden.AccessDenied.AccessTokenPermissionDenied", "没有调用该接口的权限");

    public IResult QpsLimit() =>
        ApiError(StatusCodes.Status403Forbidden, "Forbidden.AccessDenied.QpsLimitForAppkeyAndApi", "当前应用调用该接口的QPS超过限制，所有请求都被暂时禁用了");

    /// <summary>
    /// The per-IP ban (KB "调用频率限制": no DingTalk error code, the anti-abuse layer's page; its JSON form is
    /// <c>{"status":1111,"wait":5,"source":"x5","punish":"deny","uuid":…}</c>). The HTTP status is not documented: the
    /// emulator answers 403 so the refusal is plain on the wire.
    /// </summary>
    public IResult IpBanned() => new JsonNodeResult(
        new JsonObject { ["status"] = 1111, ["wait"] = 5, ["source"] = "x5", ["punish"] = "deny", ["uuid"] = ids.NewHex(32) },
        StatusCodes.Status403Forbidden, null, null);

    public IResult BadJson() =>
        ApiError(StatusCodes.Status400BadRequest, "MissingBody", "body is mandatory for this action.");

    private sealed class JsonNodeResult(JsonNode body, int status, string? requestId, string? traceId) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = status;
            response.Headers["Server"] = "DingTalk/1.0.0";
            if (requestId is not null)
            {
                response.Headers["x-acs-request-id"] = requestId;
                response.Headers["x-acs-trace-id"] = traceId;
            }

            response.ContentType = "application/json;charset=utf-8";
            return response.WriteAsync(body.ToJsonString(EmulatorJson.Options), httpContext.RequestAborted);
        }
    }
}
