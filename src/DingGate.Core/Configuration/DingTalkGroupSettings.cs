namespace DingGate.Core.Configuration;

/// <summary>Per-group overrides under <c>channels.dingtalk.groups.&lt;openConversationId&gt;</c>.</summary>
public sealed class DingTalkGroupSettings
{
    /// <summary>False turns the bot off in this group. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Senders allowed in this group; null = the account's <c>allowFrom</c> rules.</summary>
    public IList<string>? GroupAllowFrom { get; set; }
}
