using DingGate.DingTalk;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DingGate.Cli.Admin;

/// <summary>
/// The gateway's admin endpoint (127.0.0.1 only): <c>/healthz</c> (the process answers) and <c>/readyz</c> (200 when
/// every enabled account is connected, else 503) answer anyone, as probes of systemd, Kubernetes or a load balancer
/// need; with the token <c>/readyz</c> also names the accounts that are not connected (reconnecting, retrying after a
/// long outage, or failed on bad credentials). Every other route needs <c>Authorization: Bearer &lt;admin.token&gt;</c>:
/// <c>/status</c> (per account: connection, last inbound, reconnects, last error, DingTalk calls), the POST routes, and
/// <c>/metrics</c> (Prometheus text) unless <c>gateway.admin.metricsAuth</c> is false.
/// </summary>
internal static class AdminEndpoints
{
    /// <summary>The log category of the admin endpoint's own lines.</summary>
    public const string LogCategory = "DingGate.Cli.Admin";

    /// <summary>Routes a caller without the token may use: the probes, and <c>/metrics</c> when <paramref name="metricsAuth"/> is false.</summary>
    public static bool IsOpen(PathString path, bool metricsAuth) =>
        path.Equals("/healthz", StringComparison.Ordinal) || path.Equals("/readyz", StringComparison.Ordinal)
        || (!metricsAuth && path.Equals("/metrics", StringComparison.Ordinal));

    public static void MapAdmin(this WebApplication app, string token, bool metricsAuth = true)
    {
        app.Use(AdminResponseRedaction.InvokeAsync);
        app.Use(async (context, next) =>
        {
            var authorized = AdminToken.Matches(token, BearerOf(context.Request));
            context.Items[AuthorizedItem] = authorized;
            if (!authorized && !(HttpMethods.IsGet(context.Request.Method) && IsOpen(context.Request.Path, metricsAuth)))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await context.Response.WriteAsync("admin token required: Authorization: Bearer <contents of admin.token in the state directory>\n", context.RequestAborted);
                return;
            }

            await next(context);
        });
        app.MapGet("/healthz", (HttpContext context) => IsAuthorized(context)
            ? Results.Json(new AdminReadiness("alive", []), AdminJson.Default.AdminReadiness)
            : Results.Json(new AdminProbe("alive"), AdminJson.Default.AdminProbe));
        app.MapGet("/readyz", (AdminStatusBuilder status, HttpContext context) =>
        {
            var readiness = status.Readiness();
            var code = readiness.NotConnected.Count == 0 ? 200 : 503;
            return IsAuthorized(context)
                ? Results.Json(readiness, AdminJson.Default.AdminReadiness, statusCode: code)
                : Results.Json(new AdminProbe(readiness.Status), AdminJson.Default.AdminProbe, statusCode: code);
        });
        app.MapGet("/status", async (AdminStatusBuilder status, HttpContext context) =>
            Results.Json(await status.StatusAsync(context.RequestAborted), AdminJson.Default.AdminStatus));
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapPost("/pairing/approve", ApproveAsync);
    }

    // Approval through the running channel, so the user is told in their 1:1 chat. A body that is not JSON is refused
    // with 415 (wrong Content-Type) or 400 (malformed, or not the expected object), with one log line and no stack trace.
    private static async Task<IResult> ApproveAsync(HttpContext context, DingTalkChannel channel, ILoggerFactory loggers)
    {
        var (body, refused) = await AdminRequestBody.ReadAsync(context, AdminJson.Default.AdminPairingApproval, loggers.CreateLogger(LogCategory));
        if (refused is not null)
        {
            return refused;
        }

        if (body is null || string.IsNullOrWhiteSpace(body.Account) || string.IsNullOrWhiteSpace(body.Code))
        {
            return Results.Json(new AdminPairingResult(null, "body must be {\"account\": \"<id>\", \"code\": \"<code>\"}"), AdminJson.Default.AdminPairingResult, statusCode: 400);
        }

        if (channel.Accounts.All(a => a.Id != body.Account))
        {
            return Results.Json(new AdminPairingResult(null, $"no running account '{body.Account}'"), AdminJson.Default.AdminPairingResult, statusCode: 404);
        }

        var user = await channel.ApprovePairingAsync(body.Account, body.Code.Trim(), context.RequestAborted);
        return user is null
            ? Results.Json(new AdminPairingResult(null, $"unknown or expired pairing code '{body.Code}'"), AdminJson.Default.AdminPairingResult, statusCode: 404)
            : Results.Json(new AdminPairingResult(user, null), AdminJson.Default.AdminPairingResult);
    }

    public static IServiceCollection AddAdmin(this IServiceCollection services)
    {
        services.AddSingleton<ApiCallTally>();
        services.AddSingleton<ReplicaStatusReader>();
        services.AddSingleton<AdminStatusBuilder>();
        services.AddHostedService<ApiUsageRecorder>();
        return services;
    }

    private const string AuthorizedItem = "dinggate.admin.authorized";

    private static bool IsAuthorized(HttpContext context) => context.Items[AuthorizedItem] is true;

    private static string? BearerOf(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }
}
