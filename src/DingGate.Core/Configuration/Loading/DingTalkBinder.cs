using System.Collections.Frozen;
using System.Text.Json.Nodes;

namespace DingGate.Core.Configuration.Loading;

/// <summary>Binds <c>channels.dingtalk</c> (OpenClaw's keys, case-sensitive) and each <c>accounts.&lt;id&gt;</c>.</summary>
internal static class DingTalkBinder
{
    /// <summary>Keys accepted at the top level and per account.</summary>
    public static readonly IReadOnlyList<string> AccountKeys =
    [
        "enabled", "clientId", "clientSecret", "robotCode", "corpId", "agentId", "dmPolicy", "groupPolicy", "allowFrom",
        "messageType", "cardTemplateId", "cardTemplateKey", "debug", "maxConnectionAttempts", "initialReconnectDelay",
        "maxReconnectDelay", "reconnectJitter", "name", "groups", "endpoints", "dedupTtlMs", "maxMediaBytes",
        "cardFlowStatus", "cardStreamInterval", "cardMaxUpdates", "aicardDegradeMs", "convertMarkdownTables", "thinkingIndicator", "thinkingDelayMs",
        "keepAliveInterval", "maxMessageAttempts", "quota", "owners", "locale",
    ];

    /// <summary>Keys of a <c>groups.&lt;openConversationId&gt;</c> object.</summary>
    public static readonly IReadOnlyList<string> GroupKeys = ["enabled", "groupAllowFrom", "systemPrompt", "sessionScope"];

    /// <summary>Keys of a <c>quota</c> object.</summary>
    public static readonly IReadOnlyList<string> QuotaKeys =
        ["monthlyCalls", "warnPercent", "cardsOffPercent", "indicatorOffPercent", "webhookOnlyPercent", "org"];

    /// <summary>Keys OpenClaw documents that DingGate accepts but does not use.</summary>
    public static readonly IReadOnlyList<string> LegacyKeys = ["corpId", "agentId"];

    /// <summary>
    /// Keys the OpenClaw DingTalk plugin defines (soimy/openclaw-channel-dingtalk@043b3dd, src/config-schema.ts) for
    /// features DingGate does not have: a configuration copied from OpenClaw keeps loading, each one a warning.
    /// Any other unknown key under <c>channels.dingtalk</c> (top level or an account) is an error.
    /// </summary>
    public static readonly IReadOnlyList<string> OpenClawUnusedKeys =
    [
        "displayNameResolution", "mediaUrlAllowlist", "ackReaction", "journalTTLDays", "maxReconnectCycles",
        "reconnectDeadlineMs", "useConnectionManager", "mediaMaxMb", "keepAlive", "bypassProxyForSend",
        "proactivePermissionHint", "cardRealTimeStream", "learningEnabled", "learningAutoApply", "learningNoteTtlMs",
        "feedbackLearningEnabled", "feedbackLearningAutoApply", "feedbackLearningNoteTtlMs", "cardAtSender",
    ];

    // Every key a level binds (the suggestions for a misspelt one).
    private static readonly string[] LevelKeys =
    [
        .. AccountKeys, "outboxMaxAttempts", "outboxAmbiguousResends", "outboxRetryDelayMs", "outboxMaxRetryDelayMs", "apiQps", "apiWindowMarginMs", "webhookRateLimit",
        "webhookRateWindowMs",
    ];

    // Keys of the top level only (one value for the whole gateway).
    private static readonly string[] ChannelKeys = ["accounts", "ipRateLimit"];

    private static readonly FrozenDictionary<string, DmPolicy> DmPolicies = new Dictionary<string, DmPolicy>
    {
        ["open"] = DmPolicy.Open, ["pairing"] = DmPolicy.Pairing, ["allowlist"] = DmPolicy.Allowlist,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, GroupPolicy> GroupPolicies = new Dictionary<string, GroupPolicy>
    {
        ["open"] = GroupPolicy.Open, ["allowlist"] = GroupPolicy.Allowlist, ["disabled"] = GroupPolicy.Disabled,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static DingTalkChannelSettings? BindChannel(JsonNode? node, string path, ConfigReader r)
    {
        var obj = r.Object(node, path);
        if (obj is null)
        {
            return null;
        }

        var channel = new DingTalkChannelSettings();
        foreach (var (key, value) in obj)
        {
            var at = ConfigPath.Child(path, key);
            if (key == "accounts")
            {
                foreach (var (id, account) in r.Object(value, at) ?? [])
                {
                    if (BindAccount(account, ConfigPath.Child(at, id), r, new DingTalkAccountSettings()) is { } bound)
                    {
                        channel.Accounts[id] = bound;
                    }
                }
            }
            else if (key == "ipRateLimit")
            {
                channel.IpRateLimit = r.Int(value, at);
            }
            else if (!BindKey(channel, key, value, at, r))
            {
                UnknownKey(at, key, [.. LevelKeys, .. ChannelKeys], r);
            }
        }

        return channel;
    }

    private static DingTalkAccountSettings? BindAccount(JsonNode? node, string path, ConfigReader r, DingTalkAccountSettings target)
    {
        var obj = r.Object(node, path);
        if (obj is null)
        {
            return null;
        }

        foreach (var (key, value) in obj)
        {
            var at = ConfigPath.Child(path, key);
            if (!BindKey(target, key, value, at, r))
            {
                UnknownKey(at, key, LevelKeys, r);
            }
        }

        return target;
    }

    private static bool BindKey(DingTalkAccountSettings s, string key, JsonNode? value, string at, ConfigReader r)
    {
        switch (key)
        {
            case "enabled": s.Enabled = r.Bool(value, at); break;
            case "clientId": s.ClientId = r.String(value, at); break;
            case "clientSecret": s.ClientSecret = r.String(value, at); break;
            case "robotCode": s.RobotCode = r.String(value, at); break;
            case "corpId": s.CorpId = Legacy(r.String(value, at), at, r); break;
            case "agentId": s.AgentId = Legacy(Number(value) ?? r.String(value, at), at, r); break;
            case "dmPolicy": s.DmPolicy = r.Choice(value, at, DmPolicies); break;
            case "groupPolicy": s.GroupPolicy = r.Choice(value, at, GroupPolicies); break;
            case "allowFrom": s.AllowFrom = r.StringList(value, at); break;
            case "messageType": s.MessageType = r.String(value, at); break;
            case "cardTemplateId": s.CardTemplateId = r.String(value, at); break;
            case "cardTemplateKey": s.CardTemplateKey = r.String(value, at); break;
            case "cardFlowStatus": s.CardFlowStatus = r.String(value, at); break;
            case "debug": s.Debug = r.Bool(value, at); break;
            case "maxConnectionAttempts": s.MaxConnectionAttempts = r.Int(value, at); break;
            case "initialReconnectDelay": s.InitialReconnectDelay = r.Int(value, at); break;
            case "maxReconnectDelay": s.MaxReconnectDelay = r.Int(value, at); break;
            case "reconnectJitter": s.ReconnectJitter = r.Double(value, at); break;
            case "keepAliveInterval": s.KeepAliveInterval = r.Int(value, at); break;
            case "name": s.Name = r.String(value, at); break;
            case "groups": s.Groups = BindGroups(value, at, r); break;
            case "endpoints": s.Endpoints = BindEndpoints(value, at, r); break;
            case "dedupTtlMs": s.DedupTtlMs = r.Long(value, at); break;
            case "maxMediaBytes": s.MaxMediaBytes = r.Long(value, at); break;
            case "maxMessageAttempts": s.MaxMessageAttempts = r.Int(value, at); break;
            case "cardStreamInterval": s.CardStreamInterval = r.Int(value, at); break;
            case "cardMaxUpdates": s.CardMaxUpdates = r.Int(value, at); break;
            case "aicardDegradeMs": s.AicardDegradeMs = r.Long(value, at); break;
            case "convertMarkdownTables": s.ConvertMarkdownTables = r.Bool(value, at); break;
            case "thinkingIndicator": s.ThinkingIndicator = r.String(value, at); break;
            case "thinkingDelayMs": s.ThinkingDelayMs = r.Int(value, at); break;
            case "outboxMaxAttempts": s.OutboxMaxAttempts = r.Int(value, at); break;
            case "outboxAmbiguousResends": s.OutboxAmbiguousResends = r.Int(value, at); break;
            case "outboxRetryDelayMs": s.OutboxRetryDelayMs = r.Long(value, at); break;
            case "outboxMaxRetryDelayMs": s.OutboxMaxRetryDelayMs = r.Long(value, at); break;
            case "apiQps": s.ApiQps = r.Int(value, at); break;
            case "apiWindowMarginMs": s.ApiWindowMarginMs = r.Int(value, at); break;
            case "webhookRateLimit": s.WebhookRateLimit = r.Int(value, at); break;
            case "webhookRateWindowMs": s.WebhookRateWindowMs = r.Int(value, at); break;
            case "quota": s.Quota = BindQuota(value, at, r); break;
            case "owners": s.Owners = r.StringList(value, at); break;
            case "locale": s.Locale = r.String(value, at); break;
            default: return false;
        }

        return true;
    }

    private static void UnknownKey(string at, string key, IEnumerable<string> known, ConfigReader r)
    {
        if (OpenClawUnusedKeys.Contains(key, StringComparer.Ordinal))
        {
            r.Warnings.Add(new ConfigWarning(at, "OpenClaw key, not used by DingGate (ignored)"));
        }
        else
        {
            r.UnknownRefused(at, key, known);
        }
    }

    // OpenClaw's wizard writes agentId as text; a number is accepted too.
    private static string? Number(JsonNode? value) => value is JsonValue v && ConfigReader.TryNumber(v, out _) ? v.ToJsonString() : null;

    private static string? Legacy(string? value, string at, ConfigReader r)
    {
        r.Warnings.Add(new ConfigWarning(at, "legacy OpenClaw key, accepted for compatibility, not used"));
        return value;
    }

    private static Dictionary<string, DingTalkGroupSettings>? BindGroups(JsonNode? node, string path, ConfigReader r)
    {
        var obj = r.Object(node, path);
        if (obj is null)
        {
            return null;
        }

        var groups = new Dictionary<string, DingTalkGroupSettings>(StringComparer.Ordinal);
        foreach (var (cid, value) in obj)
        {
            var at = ConfigPath.Child(path, cid);
            var group = new DingTalkGroupSettings();
            foreach (var (key, item) in r.Object(value, at) ?? [])
            {
                var keyPath = ConfigPath.Child(at, key);
                switch (key)
                {
                    case "enabled": group.Enabled = r.Bool(item, keyPath) ?? true; break;
                    case "groupAllowFrom": group.GroupAllowFrom = r.StringList(item, keyPath); break;
                    case "systemPrompt": group.SystemPrompt = r.String(item, keyPath); break;
                    case "sessionScope": group.SessionScope = r.String(item, keyPath); break;
                    default: r.UnknownRefused(keyPath, key, GroupKeys, "channels.dingtalk.groups"); break;
                }
            }

            groups[cid] = group;
        }

        return groups;
    }

    private static DingTalkQuotaSettings? BindQuota(JsonNode? node, string path, ConfigReader r)
    {
        var obj = r.Object(node, path);
        if (obj is null)
        {
            return null;
        }

        var quota = new DingTalkQuotaSettings();
        foreach (var (key, value) in obj)
        {
            var at = ConfigPath.Child(path, key);
            switch (key)
            {
                case "monthlyCalls": quota.MonthlyCalls = r.Long(value, at); break;
                case "warnPercent": quota.WarnPercent = r.Int(value, at); break;
                case "cardsOffPercent": quota.CardsOffPercent = r.Int(value, at); break;
                case "indicatorOffPercent": quota.IndicatorOffPercent = r.Int(value, at); break;
                case "webhookOnlyPercent": quota.WebhookOnlyPercent = r.Int(value, at); break;
                case "org": quota.Org = r.String(value, at); break;
                default: r.UnknownRefused(at, key, QuotaKeys); break;
            }
        }

        return quota;
    }

    private static DingTalkEndpoints? BindEndpoints(JsonNode? node, string path, ConfigReader r)
    {
        var obj = r.Object(node, path);
        if (obj is null)
        {
            return null;
        }

        var endpoints = new DingTalkEndpoints();
        foreach (var (key, value) in obj)
        {
            var at = ConfigPath.Child(path, key);
            switch (key)
            {
                case "api": endpoints.Api = r.HttpUrl(value, at); break;
                case "oapi": endpoints.Oapi = r.HttpUrl(value, at); break;
                default: r.Unknown(at, key, ["api", "oapi"]); break;
            }
        }

        return endpoints;
    }
}
