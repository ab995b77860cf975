using DingGate.Core.Configuration;
using DingGate.Core.Sessions;

namespace DingGate.Agent.Sessions;

// The config names of SessionScope: session.scope (per-peer, per-user-in-group) and a group's sessionScope (shared,
// per-member).
internal static class SessionScopes
{
    public static SessionScope? Parse(string? value) => (value ?? "per-peer").Trim().ToLowerInvariant() switch
    {
        "per-peer" or "perpeer" => SessionScope.PerPeer,
        "per-user-in-group" or "peruseringroup" => SessionScope.PerUserInGroup,
        _ => null,
    };

    public static SessionScope? ParseGroup(DingTalkGroupSettings? group) => group?.SessionScope?.Trim().ToLowerInvariant() switch
    {
        "shared" => SessionScope.PerPeer,
        "per-member" => SessionScope.PerUserInGroup,
        _ => null,
    };
}
