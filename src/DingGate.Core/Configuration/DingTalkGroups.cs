namespace DingGate.Core.Configuration;

/// <summary>Finds the <c>groups.&lt;openConversationId&gt;</c> entry that applies to an account's group.</summary>
public static class DingTalkGroups
{
    /// <summary>
    /// The settings of group <paramref name="conversationId"/> for account <paramref name="accountId"/> in
    /// <paramref name="config"/>: the account's own <c>groups</c>, else the channel's (as accounts inherit them); null
    /// when the group is not listed (or the account is unknown and the channel lists nothing for it).
    /// </summary>
    public static DingTalkGroupSettings? For(DinggateConfig config, string accountId, string conversationId)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Channels.Dingtalk is not { } channel)
        {
            return null;
        }

        var own = channel.Accounts.TryGetValue(accountId, out var account) ? account.Groups : null;
        var groups = own ?? channel.Groups;
        return groups is not null && groups.TryGetValue(conversationId, out var group) ? group : null;
    }
}
