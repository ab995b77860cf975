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
        ValidateBindings(config, errors);
        errors.OneOf(config.Session.Scope, Scopes, "session.scope");
        errors.AtLeast(config.Session.QueueDepth, 1, "session.queueDepth");
        errors.OneOf(config.Gateway.LogLevel, LogLevels, "gateway.logLevel");
        errors.Check(config.Gateway.AdminPort is null or (>= 0 and <= 65535), "gateway.adminPort", config.Gateway.AdminPort, "must be a port between 0 and 65535 (0: any free port)");
        if (config.Channels.Dingtalk is { } dingtalk)
        {
            DingTalkValidator.Validate(dingtalk, "channels.dingtalk", errors);
        }

        StorageValidator.Validate(config.Storage, errors);
        RetentionValidator.Validate(config, errors);
        AttachmentsValidator.Validate(config.Attachments, errors);
        ToolsValidator.Validate(config, errors);

        return errors.Items;
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

    private static void ValidateBindings(DinggateConfig config, ConfigErrorList errors)
    {
        var accounts = config.Channels.Dingtalk?.Resolve().Select(a => a.Id).ToHashSet(StringComparer.Ordinal) ?? [];
        for (var i = 0; i < config.Bindings.Count; i++)
        {
            var binding = config.Bindings[i];
            var at = ConfigPath.Item("bindings", i);
            errors.Check(binding.Channel == "dingtalk", ConfigPath.Child(at, "channel"), binding.Channel, "must be dingtalk");
            errors.Check(binding.Agent == "default" || config.Agents.ContainsKey(binding.Agent), ConfigPath.Child(at, "agent"), binding.Agent, "names no agent under agents" + Known(config.Agents.Keys));
            errors.Check(binding.Account is null or "*" || accounts.Contains(binding.Account), ConfigPath.Child(at, "account"), binding.Account, "names no account under channels.dingtalk.accounts" + Known(accounts));
        }
    }

    private static string Known(IEnumerable<string> names)
    {
        var list = names.Order(StringComparer.Ordinal).ToList();
        return list.Count == 0 ? " (none defined)" : " (defined: " + string.Join(", ", list) + ")";
    }
}
