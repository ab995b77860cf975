namespace DingGate.Core.Configuration.Loading;

// channels.dingtalk: each level's own values (top level and every account), then the resolved accounts' credentials.
internal static class DingTalkValidator
{
    private static readonly string[] MessageTypes = ["markdown", "card"];
    private static readonly string[] ThinkingIndicators = ["emotion", "message", "off"];
    private static readonly string[] CardFlowStatuses = ["auto", "on", "off"];

    public static void Validate(DingTalkChannelSettings channel, string path, ConfigErrorList errors)
    {
        ValidateLevel(channel, path, errors);
        errors.AtLeast(channel.IpRateLimit, 1, ConfigPath.Child(path, "ipRateLimit"));
        foreach (var (id, account) in channel.Accounts)
        {
            ValidateLevel(account, ConfigPath.Child(ConfigPath.Child(path, "accounts"), id), errors);
        }

        ValidateQuotaGroups(channel, path, errors);
        foreach (var account in channel.Resolve().Where(a => a.Enabled))
        {
            var at = channel.Accounts.Count == 0 ? path : ConfigPath.Child(ConfigPath.Child(path, "accounts"), account.Id);
            errors.Check(account.ClientId.Length > 0, ConfigPath.Child(at, "clientId"), null, "is required for an enabled account (the app's Client ID / AppKey)");
            errors.Check(account.ClientSecret.Length > 0, ConfigPath.Child(at, "clientSecret"), null, "is required for an enabled account (the app's Client Secret / AppSecret)");
            ValidateQuota(account.Quota, ConfigPath.Child(at, "quota"), errors);
            errors.Check(account.MaxReconnectDelay >= account.InitialReconnectDelay, ConfigPath.Child(at, "maxReconnectDelay"), (long)account.MaxReconnectDelay.TotalMilliseconds,
                $"must not be less than initialReconnectDelay ({(long)account.InitialReconnectDelay.TotalMilliseconds})");
        }
    }

    // The accounts of one quota org spend one budget: they must agree on it.
    private static void ValidateQuotaGroups(DingTalkChannelSettings channel, string path, ConfigErrorList errors)
    {
        foreach (var group in channel.Resolve().Where(a => a.Enabled).GroupBy(a => a.Quota.Org, StringComparer.Ordinal))
        {
            var first = group.First();
            foreach (var other in group.Skip(1).Where(a => a.Quota != first.Quota))
            {
                errors.Check(false, ConfigPath.Child(ConfigPath.Child(ConfigPath.Child(path, "accounts"), other.Id), "quota"), null,
                    $"accounts '{first.Id}' and '{other.Id}' share quota org '{group.Key}' (one organisation's budget) but set different quota values; set the same values, or a different org");
            }
        }
    }

    private static void ValidateQuota(DingTalkQuota q, string at, ConfigErrorList errors)
    {
        errors.Check(q.MonthlyCalls >= 0, ConfigPath.Child(at, "monthlyCalls"), q.MonthlyCalls, "must be 0 (no budget) or more");
        var steps = new[] { ("warnPercent", q.WarnPercent), ("cardsOffPercent", q.CardsOffPercent), ("indicatorOffPercent", q.IndicatorOffPercent), ("webhookOnlyPercent", q.WebhookOnlyPercent) };
        foreach (var (key, value) in steps)
        {
            errors.Check(value is >= 1 and <= 100, ConfigPath.Child(at, key), value, "must be a percent between 1 and 100");
        }

        for (var i = 1; i < steps.Length; i++)
        {
            errors.Check(steps[i].Item2 >= steps[i - 1].Item2, ConfigPath.Child(at, steps[i].Item1), steps[i].Item2,
                $"must not be less than {steps[i - 1].Item1} ({steps[i - 1].Item2}): the steps go warn, cards off, indicator off, webhook only");
        }

        errors.Check(q.Org.Trim().Length > 0, ConfigPath.Child(at, "org"), q.Org, "must not be empty");
    }

    private static void ValidateLevel(DingTalkAccountSettings s, string at, ConfigErrorList errors)
    {
        foreach (var owner in s.Owners ?? [])
        {
            errors.Check(owner.Trim().Length > 0, ConfigPath.Child(at, "owners"), owner, "must list staff ids, not empty strings");
        }

        errors.Check(s.Locale is null || Texts.BotLocales.TryParse(s.Locale, out _), ConfigPath.Child(at, "locale"), s.Locale,
            $"must be one of: {string.Join(", ", Texts.BotLocales.Names)}");
        errors.OneOf(s.MessageType, MessageTypes, ConfigPath.Child(at, "messageType"));
        foreach (var (cid, group) in s.Groups ?? new Dictionary<string, DingTalkGroupSettings>())
        {
            errors.OneOf(group.SessionScope, DingTalkGroupSettings.SessionScopes, ConfigPath.Child(ConfigPath.Child(ConfigPath.Child(at, "groups"), cid), "sessionScope"));
        }

        errors.OneOf(s.ThinkingIndicator, ThinkingIndicators, ConfigPath.Child(at, "thinkingIndicator"));
        errors.OneOf(s.CardFlowStatus, CardFlowStatuses, ConfigPath.Child(at, "cardFlowStatus"));
        errors.Check(s.ClientId is null || s.ClientId.Trim().Length > 0, ConfigPath.Child(at, "clientId"), s.ClientId, "must not be empty");
        errors.AtLeast(s.MaxConnectionAttempts, 1, ConfigPath.Child(at, "maxConnectionAttempts"));
        errors.Positive(s.InitialReconnectDelay, ConfigPath.Child(at, "initialReconnectDelay"));
        errors.Positive(s.MaxReconnectDelay, ConfigPath.Child(at, "maxReconnectDelay"));
        errors.Check(s.ReconnectJitter is null or (>= 0 and <= 1), ConfigPath.Child(at, "reconnectJitter"), s.ReconnectJitter, "must be between 0 and 1");
        errors.AtLeast(s.CardStreamInterval, DingTalkAccount.MinCardStreamIntervalMs, ConfigPath.Child(at, "cardStreamInterval"));
        errors.AtLeast(s.CardMaxUpdates, 0, ConfigPath.Child(at, "cardMaxUpdates"));
        errors.AtLeast(s.KeepAliveInterval, DingTalkAccount.MinKeepAliveIntervalMs, ConfigPath.Child(at, "keepAliveInterval"));
        errors.AtLeast(s.AicardDegradeMs, 0, ConfigPath.Child(at, "aicardDegradeMs"));
        errors.AtLeast(s.ThinkingDelayMs, 0, ConfigPath.Child(at, "thinkingDelayMs"));
        errors.AtLeast(s.DedupTtlMs, (long)RetentionPolicy.RedeliveryWindow.TotalMilliseconds, ConfigPath.Child(at, "dedupTtlMs"), "(DingTalk's redelivery window with a margin: a shorter mark lets a redelivered message be answered twice)");
        errors.AtLeast(s.OutboxMaxAttempts, 1, ConfigPath.Child(at, "outboxMaxAttempts"));
        errors.AtLeast(s.OutboxAmbiguousResends, 0, ConfigPath.Child(at, "outboxAmbiguousResends"));
        errors.AtLeast(s.OutboxRetryDelayMs, 100, ConfigPath.Child(at, "outboxRetryDelayMs"));
        errors.AtLeast(s.OutboxMaxRetryDelayMs, 100, ConfigPath.Child(at, "outboxMaxRetryDelayMs"));
        errors.Check(s.OutboxRetryDelayMs is null || s.OutboxMaxRetryDelayMs is null || s.OutboxMaxRetryDelayMs >= s.OutboxRetryDelayMs,
            ConfigPath.Child(at, "outboxMaxRetryDelayMs"), s.OutboxMaxRetryDelayMs, "must be at least outboxRetryDelayMs");
        errors.AtLeast(s.ApiQps, 1, ConfigPath.Child(at, "apiQps"));
        errors.Check(s.ApiWindowMarginMs is null or (>= 0 and <= DingTalkAccount.MaxApiWindowMarginMs), ConfigPath.Child(at, "apiWindowMarginMs"),
            s.ApiWindowMarginMs, $"must be between 0 and {DingTalkAccount.MaxApiWindowMarginMs}");
        errors.AtLeast(s.WebhookRateLimit, 1, ConfigPath.Child(at, "webhookRateLimit"));
        errors.AtLeast(s.WebhookRateWindowMs, 1, ConfigPath.Child(at, "webhookRateWindowMs"));
        errors.Positive(s.MaxMediaBytes, ConfigPath.Child(at, "maxMediaBytes"));
        errors.AtLeast(s.MaxMessageAttempts, 1, ConfigPath.Child(at, "maxMessageAttempts"));
        errors.Check(s.CardTemplateId is null || s.CardTemplateId.Trim().Length > 0, ConfigPath.Child(at, "cardTemplateId"), s.CardTemplateId, "must not be empty");
        errors.Check(s.CardTemplateKey is null || s.CardTemplateKey.Trim().Length > 0, ConfigPath.Child(at, "cardTemplateKey"), s.CardTemplateKey, "must not be empty");
        foreach (var (name, url) in new[] { ("api", s.Endpoints?.Api), ("oapi", s.Endpoints?.Oapi) })
        {
            errors.Check(url is null || (url.IsAbsoluteUri && url.Scheme is "http" or "https"), ConfigPath.Child(ConfigPath.Child(at, "endpoints"), name), url, "must be an absolute http:// or https:// URL");
        }
    }
}
