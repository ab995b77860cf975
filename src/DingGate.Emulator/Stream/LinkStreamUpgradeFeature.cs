using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Features;

namespace DingGate.Emulator.Stream;

/// <summary>
/// Wraps the upgrade of a <c>/connect</c> request so the WebSocket runs over a <see cref="LinkStream"/> (the blackhole
/// fault needs a hand on the transport). Installed before <c>UseWebSockets</c>, which takes the upgrade feature it
/// finds; the endpoint reads <see cref="Link"/> back after the handshake.
/// </summary>
internal sealed class LinkStreamUpgradeFeature(IHttpUpgradeFeature inner) : IHttpUpgradeFeature
{
    public bool IsUpgradableRequest => inner.IsUpgradableRequest;

    public LinkStream? Link { get; private set; }

    public async Task<System.IO.Stream> UpgradeAsync()
    {
        Link = new LinkStream(await inner.UpgradeAsync());
        return Link;
    }

    public static void UseStreamLinks(IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.Path.Equals(StreamSocketEndpoint.Path, StringComparison.Ordinal) &&
            context.Features.Get<IHttpUpgradeFeature>() is { IsUpgradableRequest: true } upgrade)
        {
            context.Features.Set<IHttpUpgradeFeature>(new LinkStreamUpgradeFeature(upgrade));
        }

        await next(context);
    });
}
