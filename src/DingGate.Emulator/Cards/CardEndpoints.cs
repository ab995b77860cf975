using DingGate.Emulator.Control;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace DingGate.Emulator.Cards;

/// <summary>Maps the card API routes (api host) and the card control routes (<c>/_emulator/cards…</c>).</summary>
internal static class CardEndpoints
{
    public static void MapCardEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapCardInstanceEndpoints();
        routes.MapCardStreamingEndpoint();
        routes.MapGroup(ControlEndpoints.Prefix).MapCardControl();
    }
}
