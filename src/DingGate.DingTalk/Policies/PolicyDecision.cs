namespace DingGate.DingTalk.Policies;

/// <summary>
/// What <see cref="AccessPolicy.DecideAsync"/> decided for one message. Only <see cref="Allow"/> reaches the agent;
/// when <see cref="Reply"/> is not null the dispatcher sends it to the sender (the policy never sends anything).
/// </summary>
internal abstract record PolicyDecision
{
    private PolicyDecision()
    {
    }

    /// <summary>The text to send back to the sender, or null for a silent outcome.</summary>
    public string? Reply => this switch
    {
        Deny d => d.ReplyText,
        PairingIssued i => i.ReplyText,
        PairingPending p => p.ReplyText,
        _ => null,
    };

    /// <summary>The message goes to the agent.</summary>
    public sealed record Allow : PolicyDecision;

    /// <summary>The sender may not use the bot here; <paramref name="ReplyText"/> tells them their id and how to get access.</summary>
    public sealed record Deny(string Reason, string ReplyText) : PolicyDecision;

    /// <summary>A new pairing code was issued to an unknown DM sender.</summary>
    public sealed record PairingIssued(string Code, string ReplyText) : PolicyDecision;

    /// <summary>The sender already has an unexpired code waiting for approval; the same code is shown again.</summary>
    public sealed record PairingPending(string Code, string ReplyText) : PolicyDecision;

    /// <summary>Dropped without a reply (groups disabled, a group switched off).</summary>
    public sealed record Ignore(string Reason) : PolicyDecision;
}
