using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace DingGate.Emulator.Stream;

/// <summary>Stream routes: registration and the WebSocket endpoint.</summary>
internal static class StreamEndpoints
{
    public static void MapStreamEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost(ConnectionOpenEndpoint.Path, ConnectionOpenEndpoint.OpenAsync);
        routes.MapGet(StreamSocketEndpoint.Path, StreamSocketEndpoint.ConnectAsync);
    }
}
