namespace DingGate.Core.Configuration;

/// <summary><c>channels.dingtalk</c>: top-level defaults plus <c>accounts.&lt;id&gt;</c>.</summary>
public sealed class DingTalkChannelSettings : DingTalkAccountSettings
{
    /// <summary>The id used when the top level itself holds credentials and no accounts are listed.</summary>
    public const string DefaultAccountId = "default";

    /// <summary>
    /// Calls per 20 s that the whole gateway (every account, session webhooks included) makes to DingTalk from its IP:
    /// DingTalk allows 10 000 and bans the IP for 5 minutes beyond. Top level only. Default 9000.
    /// </summary>
    public int? IpRateLimit { get; set; }

    /// <summary>Accounts by id; each overrides the top-level keys it sets.</summary>
    public IDictionary<string, DingTalkAccountSettings> Accounts { get; } = new Dictionary<string, DingTalkAccountSettings>(StringComparer.Ordinal);

    /// <summary>
    /// Every account with the top-level keys merged under its own and the defaults applied. With no accounts listed,
    /// the top level is the single account <see cref="DefaultAccountId"/>.
    /// </summary>
    public IReadOnlyList<DingTalkAccount> Resolve()
    {
        if (Accounts.Count == 0)
        {
            return [DingTalkAccount.From(DefaultAccountId, this, this)];
        }

        return Accounts.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => DingTalkAccount.From(a.Key, a.Value, this)).ToList();
    }
}
