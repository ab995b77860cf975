namespace DingGate.Core.Storage;

/// <summary>
/// A pairing request as sent to the owners of an account, kept so every step happens once across crashes: the notice
/// (card and/or text line) is claimed before it is sent and marked when DingTalk took it; a decision is claimed once
/// (the first owner's click or command wins); the card update and the requester's notice are marked when done.
/// </summary>
public sealed record OwnerApproval
{
    public required string AccountId { get; init; }

    /// <summary>The pairing code.</summary>
    public required string Code { get; init; }

    /// <summary>The card's outTrackId (one card, delivered to every owner's 1:1 chat).</summary>
    public required string OutTrackId { get; init; }

    /// <summary>The requester's user id.</summary>
    public required string UserId { get; init; }

    /// <summary>The requester's display name.</summary>
    public string Nick { get; init; } = string.Empty;

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>When DingTalk took the owners' notice; null while not (yet) sent.</summary>
    public DateTimeOffset? NotifiedAt { get; init; }

    /// <summary>How the owners were told: <c>card</c> or <c>text</c>; null while not sent.</summary>
    public string? NotifiedBy { get; init; }

    public OwnerDecision Decision { get; init; }

    /// <summary>The owner who decided.</summary>
    public string? DecidedBy { get; init; }

    public DateTimeOffset? DecidedAt { get; init; }

    /// <summary>When the card was updated with the decision.</summary>
    public DateTimeOffset? CardUpdatedAt { get; init; }

    /// <summary>When the requester was told the decision.</summary>
    public DateTimeOffset? RequesterToldAt { get; init; }

    /// <summary>
    /// The replica working on the row (clustered gateways): the one that sent the owners' notice, then the one that
    /// claimed the decision. Another replica's start leaves the row alone while that replica is live. Null standalone.
    /// </summary>
    public string? WorkedBy { get; init; }
}
