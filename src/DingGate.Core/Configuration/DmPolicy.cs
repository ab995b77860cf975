namespace DingGate.Core.Configuration;

/// <summary>Who may talk to the bot in 1:1 chats (<c>dmPolicy</c>).</summary>
public enum DmPolicy
{
    /// <summary>Anyone.</summary>
    Open,

    /// <summary>Unknown senders get a pairing code; an owner approves it.</summary>
    Pairing,

    /// <summary>Only <c>allowFrom</c> (and approved senders).</summary>
    Allowlist,
}
