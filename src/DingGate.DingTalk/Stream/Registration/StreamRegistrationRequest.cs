namespace DingGate.DingTalk.Stream.Registration;

// Body of connections/open (spec §1.2).
internal sealed class StreamRegistrationRequest
{
    public required string ClientId { get; init; }

    public required string ClientSecret { get; init; }

    public required IReadOnlyList<StreamSubscriptionDto> Subscriptions { get; init; }

    public required string Ua { get; init; }

    public required string LocalIp { get; init; }
}
