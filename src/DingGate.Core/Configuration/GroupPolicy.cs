namespace DingGate.Core.Configuration;

/// <summary>Which groups may use the bot (<c>groupPolicy</c>).</summary>
public enum GroupPolicy
{
    /// <summary>Any group that @-mentions the bot.</summary>
    Open,

    /// <summary>Only groups listed (and enabled) under <c>groups</c>, and senders allowed there.</summary>
    Allowlist,

    /// <summary>No group messages are answered.</summary>
    Disabled,
}
