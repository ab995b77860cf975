using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace DingGate.Emulator.Http;

/// <summary>
/// Refuses requests to the emulator's own routes (the control API <c>/_emulator/*</c>, the control page, and any other
/// <c>/_*</c> route a tool adds on this server, e.g. the sandbox's) whose Host header is not one of
/// <see cref="OwnHostNames"/>: 421 Misdirected Request. A web page that rebinds its own domain to 127.0.0.1 sends its
/// domain as Host, so it cannot drive the emulator. The DingTalk-facing routes are not checked: they are reached under
/// whatever name a client was configured with (api.dingtalk.com through a hosts mapping, a container name), exactly
/// as the official SDKs send the Host of their URL. A startup filter, so it runs before any other tool's middleware.
/// </summary>
internal sealed class OwnHostCheck(OwnHostNames names) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, following) =>
        {
            var host = context.Request.Host.Host;
            if (EmulatorPaths.IsToolRoute(context.Request.Path) && !names.Allows(host))
            {
                context.Response.StatusCode = StatusCodes.Status421MisdirectedRequest;
                context.Response.ContentType = "text/plain; charset=utf-8";
                var configured = string.Join(", ", names.Configured().Distinct(StringComparer.OrdinalIgnoreCase));
                await context.Response.WriteAsync(
                    $"421 Misdirected Request: the emulator's control API and page answer only for its own host names (IP addresses, localhost{(configured.Length > 0 ? ", " + configured : string.Empty)}), " +
                    $"not '{Shorten(host)}' (DNS-rebinding defence). Open it by address, e.g. http://127.0.0.1:<port>/, or add the name with --allowed-host.\n",
                    context.RequestAborted);
                return;
            }

            await following(context);
        });
        next(app);
    };

    private static string Shorten(string host) => host.Length <= 100 ? host : host[..100] + "…";
}
