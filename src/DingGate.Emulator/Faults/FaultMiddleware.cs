using DingGate.Emulator.Http;
using DingGate.Emulator.Tokens;
using Microsoft.AspNetCore.Http;

namespace DingGate.Emulator.Faults;

/// <summary>
/// Applies the per-IP limit, injected route faults and the per-app QPS limit before a DingTalk route runs. Envelopes follow the host:
/// <c>/v1.0/*</c> is the api host (HTTP status + <c>{code,message,requestid}</c>), everything else is oapi (errcode).
/// </summary>
internal sealed class FaultMiddleware(
    RequestDelegate next, FaultSwitches faults, QpsLimiter qps, IpLimiter ips, TokenStore tokens, DingTalkResults results, EmulatorOptions options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (EmulatorPaths.IsEmulatorOwn(context.Request.Path))
        {
            await next(context);
            return;
        }

        if (!ips.TryAcquire(context.Connection.RemoteIpAddress?.ToString() ?? "unknown"))
        {
            await results.IpBanned().ExecuteAsync(context);
            return;
        }

        var isApiHost = RouteFault.IsApiHostPath(path);
        var fault = faults.Take(context.Request.Method, path);
        if (fault is not null)
        {
            if (fault.Kind == FaultKind.Latency)
            {
                await Task.Delay(fault.Delay, options.TimeProvider, context.RequestAborted);
            }
            else if (fault.Kind == FaultKind.Reset)
            {
                context.Abort();
                return;
            }
            else
            {
                await Render(fault, isApiHost).ExecuteAsync(context);
                return;
            }
        }

        var clientId = tokens.Validate(isApiHost ? context.Request.Headers[TokenAuth.HeaderName].ToString() : context.Request.Query["access_token"].ToString());
        if (clientId is not null && !qps.TryAcquire(clientId, context.Request.Method + " " + path))
        {
            await (isApiHost ? results.QpsLimit() : results.LegacyError(90018, "当前应用调用该接口的QPS超过限制")).ExecuteAsync(context);
            return;
        }

        await next(context);
    }

    private IResult Render(RouteFault fault, bool isApiHost) => fault.Kind switch
    {
        _ when ThrottleEnvelopes.For(fault.Kind) is { } throttle => isApiHost
            ? results.ApiError(StatusCodes.Status403Forbidden, throttle.ApiCode, throttle.ApiMessage)
            : results.LegacyError(throttle.OapiErrCode, ThrottleEnvelopes.LegacyMessages[throttle.OapiErrCode]),
        FaultKind.LegacyThrottle => results.LegacyError(fault.ErrCode!.Value, ThrottleEnvelopes.LegacyMessages[fault.ErrCode.Value]),
        FaultKind.SystemBusy => isApiHost ? results.ApiError(429, "system.busy", "request too frequest") : results.LegacyError(-1, "系统繁忙"),
        FaultKind.ApiCountLimit => isApiHost
            ? results.ApiError(403, "Forbidden.AccessDenied.ApiCountLimitForOrg", "企业当月API调用量已超过限制")
            : results.LegacyError(90020, "企业当月API调用量已超过限制"),
        _ => isApiHost
            ? results.ApiError(fault.Status, fault.Status >= 500 ? "ServiceUnavailable" : "InjectedFault", "emulator injected fault")
            : new StatusResult(fault.Status),
    };

    private sealed class StatusResult(int status) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            return Task.CompletedTask;
        }
    }
}
