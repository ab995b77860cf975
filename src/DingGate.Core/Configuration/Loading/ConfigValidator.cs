namespace DingGate.Core.Configuration.Loading;

/// <summary>
/// Checks a bound <see cref="DinggateConfig"/> (from a file or built in code): ranges, allowed values, required
/// credentials and references between sections. Returns every problem, each with path, masked value and what is allowed.
/// </summary>
public static class ConfigValidator
{
    /// <summary>Allowed <c>models.*.provider</c> values.</summary>
    public static readonly IReadOnlyList<string> Providers = ["openai", "anthropic", "demo"];

    /// <summary>Allowed <c>session.scope</c> values.</summary>
    public static readonly IReadOnlyList<string> Scopes = ["per-peer", "per-user-in-group"];

    /// <summary>Allowed <c>gateway.logLevel</c> values.</summary>
    public static readonly IReadOnlyList<string> LogLevels = ["trace", "debug", "information", "warning", "error"];

    /// <summary>Every problem in <paramref name="config"/>; empty when it can be used.</summary>
    public static IReadOnlyList<ConfigError> Validate(DinggateConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var errors = new ConfigErrorList();
        foreach (var (name, model) in config.Models)
        {
            ValidateModel(model, ConfigPath.Child("models", name), errors);
        }

        foreach (var (name, agent) in config.Agents)
        {
            var at = ConfigPath.Child("agents", name);
            errors.Check(agent.Model is null || config.Models.ContainsKey(agent.Model), ConfigPath.Child(at, "model"), agent.Model, "names no model under models" + Known(config.Models.Keys));
            errors.AtLeast(agent.MaxHistoryMessages, 1, ConfigPath.Child(at, "maxHistoryMessages"));
            errors.AtLeast(agent.MaxHistoryChars, 1, ConfigPath.Child(at, "maxHistoryChars"));
        }

        errors.Check(
            config.MaxConcurrentTurns is null or (>= 1 and <= DinggateConfig.MaxMaxConcurrentTurns),
            "agents.maxConcurrentTurns",
            config.MaxConcurrentTurns,
            $"must be between 1 and {DinggateConfig.MaxMaxConcurrentTurns} (turns running at once)");
        BindingsValidator.Validate(config, errors);
        errors.OneOf(config.Session.Scope, Scopes, "session.scope");
        errors.AtLeast(config.Session.QueueDepth, 1, "session.queueDepth");
        errors.OneOf(config.Gateway.LogLevel, LogLevels, "gateway.logLevel");
        errors.Check(config.Gateway.AdminPort is null or (>= 0 and <= 65535), "gateway.adminPort", config.Gateway.AdminPort, "must be a port between 0 and 65535 (0: any free port)");
        errors.Check(config.Gateway.LeaseSeconds is null or (>= 5 and <= 60), "gateway.leaseSeconds", config.Gateway.LeaseSeconds, "must be between 5 and 60 seconds");
        errors.Check(config.Gateway.ReplicaId is null || (config.Gateway.ReplicaId.Trim().Length is > 0 and <= 64 && !config.Gateway.ReplicaId.Any(char.IsControl)), "gateway.replicaId", config.Gateway.ReplicaId, "must be 1 to 64 printable characters");
        if (config.Channels.Dingtalk is { } dingtalk)
        {
            DingTalkValidator.Validate(dingtalk, "channels.dingtalk", errors);
        }

        StorageValidator.Validate(config.Storage, errors);
        CoordinationValidator.Validate(config.Coordination, errors);
        RetentionValidator.Validate(config, errors);
        AttachmentsValidator.Validate(config.Attachments, errors);
        ToolsValidator.Validate(config, errors);

        return errors.Items;
    }

    /// <summary>
    /// What in <paramref name="config"/> is accepted but probably not meant: two bindings with the same match (the
    /// later never applies), an OpenClaw-shaped binding without <c>accountId</c> among several accounts.
    /// </summary>
    public static IReadOnlyList<ConfigWarning> Warnings(DinggateConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return [.. BindingsValidator.Warnings(config), .. WildcardGroups(config)];
    }

    // OpenClaw's DingTalk plugin reads groups."*" as every group; DingGate matches openConversationIds exactly.
    private static IEnumerable<ConfigWarning> WildcardGroups(DinggateConfig config)
    {
        if (config.Channels.Dingtalk is not { } channel)
        {
            yield break;
        }

        var levels = new List<(string Path, DingTalkAccountSettings Settings)> { ("channels.dingtalk", channel) };
        levels.AddRange(channel.Accounts.Select(a => (ConfigPath.Child("channels.dingtalk.accounts", a.Key), a.Value)));
        foreach (var (path, settings) in levels.Where(l => l.Settings.Groups?.ContainsKey("*") == true))
        {
            yield return new ConfigWarning(ConfigPath.Child(ConfigPath.Child(path, "groups"), "*"),
                "applies to no group: DingGate has no wildcard group (OpenClaw's plugin reads \"*\" as every group); list each group by its openConversationId");
        }
    }

    /// <summary>Throws <see cref="ConfigException"/> listing every problem, if there is any.</summary>
    public static void ThrowIfInvalid(DinggateConfig config, string? source = null)
    {
        var errors = Validate(config);
        if (errors.Count > 0)
        {
            throw new ConfigException(errors, source);
        }
    }

    private static void ValidateModel(ModelSettings model, string at, ConfigErrorList errors)
    {
        var provider = ConfigPath.Child(at, "provider");
        if (model.Provider is null)
        {
            errors.Add(provider, null, "is required: " + string.Join(" | ", Providers));
        }
        else
        {
            errors.OneOf(model.Provider, Providers, provider);
        }

        var url = model.BaseUrl;
        errors.Check(url is null || (url.IsAbsoluteUri && url.Scheme is "http" or "https"), ConfigPath.Child(at, "baseUrl"), url, "must be an absolute http:// or https:// URL");
        errors.Check(model.Provider is not ("openai" or "anthropic") || !string.IsNullOrWhiteSpace(model.Model), ConfigPath.Child(at, "model"), model.Model, "is required for provider " + model.Provider + " (e.g. qwen-plus, gpt-4o-mini)");
        errors.AtLeast(model.MaxOutputTokens, 1, ConfigPath.Child(at, "maxOutputTokens"));
        errors.Check(model.Temperature is null or (>= 0 and <= 2), ConfigPath.Child(at, "temperature"), model.Temperature, "must be between 0 and 2");
    }

    private static string Known(IEnumerable<string> names)
    {
        var list = names.Order(StringComparer.Ordinal).ToList();
        return list.Count == 0 ? " (none defined)" : " (defined: " + string.Join(", ", list) + ")";
    }
}
