namespace DingGate.Emulator.Stream;

/// <summary>
/// A registration result: one-time credential for <c>/connect</c>, valid until <see cref="ExpiresAt"/> (spec §1.2.1),
/// with what the client sent at registration.
/// </summary>
internal sealed record StreamTicket(
    string Value,
    string ClientId,
    IReadOnlyList<StreamSubscription> Subscriptions,
    string? UserAgent,
    string? LocalIp,
    IReadOnlyDictionary<string, string> Extras,
    bool AcceptJson,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt);
