namespace DingGate.Core.Configuration;

/// <summary>Per-group overrides under <c>channels.dingtalk.groups.&lt;openConversationId&gt;</c>.</summary>
public sealed class DingTalkGroupSettings
{
    /// <summary>The allowed <see cref="SessionScope"/> values.</summary>
    public static readonly IReadOnlyList<string> SessionScopes = ["shared", "per-member"];

    /// <summary>False turns the bot off in this group. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Senders allowed in this group; null = the account's <c>allowFrom</c> rules.</summary>
    public IList<string>? GroupAllowFrom { get; set; }

    /// <summary>Added after the answering agent's system prompt in this group (as OpenClaw's per-group <c>systemPrompt</c>).</summary>
    public string? SystemPrompt { get; set; }

    /// <summary>
    /// <c>shared</c>: one conversation for the whole group; <c>per-member</c>: each member their own; null: as
    /// <c>session.scope</c> says (<c>per-peer</c> shared, <c>per-user-in-group</c> per member).
    /// </summary>
    public string? SessionScope { get; set; }
}
