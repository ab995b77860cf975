using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace DingGate.Emulator.Control;

/// <summary>
/// The control API under <c>/_emulator</c>: fixtures, settings, faults, recorded traffic, conversations.
/// Feature folders map their own control routes (inject a message, click a card…) next to their features.
/// </summary>
internal static class ControlEndpoints
{
    public const string Prefix = "/_emulator";

    public static void MapControlEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(Prefix);
        group.MapFixtureControl();
        group.MapSettingsControl();
        group.MapFaultControl();
        group.MapTrafficControl();
    }
}
