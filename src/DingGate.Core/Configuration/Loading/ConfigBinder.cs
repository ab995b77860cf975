using System.Text.Json.Nodes;

namespace DingGate.Core.Configuration.Loading;

/// <summary>
/// Binds the JSON tree onto <see cref="DinggateConfig"/> by hand (case-sensitive camelCase keys, no reflection): wrong
/// types are errors, unknown keys warnings. Ranges and cross-references are <see cref="ConfigValidator"/>'s job.
/// </summary>
internal static class ConfigBinder
{
    private static readonly string[] RootKeys = ["models", "agents", "bindings", "session", "channels", "gateway", "storage", "coordination", "attachments", "tools", "mcp"];
    private static readonly string[] ModelKeys = ["provider", "baseUrl", "model", "apiKey", "supportsImages", "maxOutputTokens", "temperature"];
    private static readonly string[] AgentKeys = ["model", "systemPrompt", "maxHistoryMessages", "maxHistoryChars", "tools"];
    private static readonly string[] SessionKeys = ["scope", "queueDepth"];
    private static readonly string[] GatewayKeys = ["stateDir", "logDir", "logLevel", "adminPort", "admin", "reload", "replicaId", "leaseSeconds"];
    private static readonly string[] GatewayAdminKeys = ["metricsAuth"];

    public static DinggateConfig Bind(JsonNode? root, ConfigReader r)
    {
        var config = new DinggateConfig();
        if (root is not JsonObject obj)
        {
            r.Error("(root)", root, "the configuration must be an object: { ... }");
            return config;
        }

        foreach (var (key, value) in obj)
        {
            switch (key)
            {
                case "models": EachEntry(value, key, r, (name, node, at) => config.Models[name] = Model(node, at, r)); break;
                case "agents": Agents(value, key, r, config); break;
                case "bindings": BindingsBinder.Bind(value, key, r, config.Bindings); break;
                case "session": config.Session = Session(value, key, r); break;
                case "channels": config.Channels = Channels(value, key, r); break;
                case "gateway": config.Gateway = Gateway(value, key, r); break;
                case "storage": config.Storage = StorageBinder.Bind(value, key, r); break;
                case "coordination": config.Coordination = CoordinationBinder.Bind(value, key, r); break;
                case "attachments": config.Attachments = AttachmentsBinder.Bind(value, key, r); break;
                case "tools": config.Tools = ToolsBinder.Bind(value, key, r); break;
                case "mcp": config.Mcp = ToolsBinder.BindMcp(value, key, r); break;
                default: r.Unknown(key, key, RootKeys); break;
            }
        }

        return config;
    }

    private static void EachEntry(JsonNode? node, string path, ConfigReader r, Action<string, JsonObject, string> bind)
    {
        foreach (var (name, value) in r.Object(node, path) ?? [])
        {
            var at = ConfigPath.Child(path, name);
            if (r.Object(value, at) is { } entry)
            {
                bind(name, entry, at);
            }
        }
    }

    // agents.<name> objects, and the one number beside them: agents.maxConcurrentTurns (a reserved name).
    private static void Agents(JsonNode? node, string path, ConfigReader r, DinggateConfig config)
    {
        foreach (var (name, value) in r.Object(node, path) ?? [])
        {
            var at = ConfigPath.Child(path, name);
            if (name == "maxConcurrentTurns")
            {
                config.MaxConcurrentTurns = r.Int(value, at);
            }
            else if (r.Object(value, at) is { } entry)
            {
                config.Agents[name] = Agent(entry, at, r);
            }
        }
    }

    private static ModelSettings Model(JsonObject obj, string path, ConfigReader r)
    {
        var model = new ModelSettings();
        foreach (var (key, value) in obj)
        {
            var at = ConfigPath.Child(path, key);
            switch (key)
            {
                case "provider": model.Provider = r.String(value, at); break;
                case "baseUrl": model.BaseUrl = r.HttpUrl(value, at); break;
                case "model": model.Model = r.String(value, at); break;
                case "apiKey": model.ApiKey = r.String(value, at); break;
                case "supportsImages": model.SupportsImages = r.Bool(value, at); break;
                case "maxOutputTokens": model.MaxOutputTokens = r.Int(value, at); break;
                case "temperature": model.Temperature = r.Double(value, at); break;
                default: r.Unknown(at, key, ModelKeys); break;
            }
        }

        return model;
    }

    private static AgentSettings Agent(JsonObject obj, string path, ConfigReader r)
    {
        var agent = new AgentSettings();
        foreach (var (key, value) in obj)
        {
            var at = ConfigPath.Child(path, key);
            switch (key)
            {
                case "model": agent.Model = r.String(value, at); break;
                case "systemPrompt": agent.SystemPrompt = r.String(value, at); break;
                case "maxHistoryMessages": agent.MaxHistoryMessages = r.Int(value, at); break;
                case "maxHistoryChars": agent.MaxHistoryChars = r.Int(value, at); break;
                case "tools": agent.Tools = ToolsBinder.BindAgent(value, at, r); break;
                default: r.Unknown(at, key, AgentKeys); break;
            }
        }

        return agent;
    }

    private static SessionSettings Session(JsonNode? node, string path, ConfigReader r)
    {
        var session = new SessionSettings();
        foreach (var (key, value) in r.Object(node, path) ?? [])
        {
            var at = ConfigPath.Child(path, key);
            switch (key)
            {
                case "scope": session.Scope = r.String(value, at); break;
                case "queueDepth": session.QueueDepth = r.Int(value, at); break;
                default: r.Unknown(at, key, SessionKeys); break;
            }
        }

        return session;
    }

    private static ChannelsSettings Channels(JsonNode? node, string path, ConfigReader r)
    {
        var channels = new ChannelsSettings();
        foreach (var (key, value) in r.Object(node, path) ?? [])
        {
            var at = ConfigPath.Child(path, key);
            if (key == "dingtalk")
            {
                channels.Dingtalk = DingTalkBinder.BindChannel(value, at, r);
            }
            else
            {
                r.Warnings.Add(new ConfigWarning(at, "unknown channel, ignored (DingGate serves dingtalk)"));
            }
        }

        return channels;
    }

    private static GatewaySettings Gateway(JsonNode? node, string path, ConfigReader r)
    {
        var gateway = new GatewaySettings();
        foreach (var (key, value) in r.Object(node, path) ?? [])
        {
            var at = ConfigPath.Child(path, key);
            switch (key)
            {
                case "stateDir": gateway.StateDir = r.String(value, at); break;
                case "logDir": gateway.LogDir = r.String(value, at); break;
                case "logLevel": gateway.LogLevel = r.String(value, at); break;
                case "adminPort": gateway.AdminPort = r.Int(value, at); break;
                case "admin": gateway.Admin = GatewayAdmin(value, at, r); break;
                case "reload": gateway.Reload = r.Bool(value, at); break;
                case "replicaId": gateway.ReplicaId = r.String(value, at); break;
                case "leaseSeconds": gateway.LeaseSeconds = r.Int(value, at); break;
                default: r.Unknown(at, key, GatewayKeys); break;
            }
        }

        return gateway;
    }

    private static GatewayAdminSettings GatewayAdmin(JsonNode? node, string path, ConfigReader r)
    {
        var admin = new GatewayAdminSettings();
        foreach (var (key, value) in r.Object(node, path) ?? [])
        {
            var at = ConfigPath.Child(path, key);
            switch (key)
            {
                case "metricsAuth": admin.MetricsAuth = r.Bool(value, at); break;
                default: r.UnknownRefused(at, key, GatewayAdminKeys, "gateway.admin"); break;
            }
        }

        return admin;
    }
}
