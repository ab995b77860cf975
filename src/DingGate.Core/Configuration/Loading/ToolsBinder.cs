using System.Text.Json.Nodes;

namespace DingGate.Core.Configuration.Loading;

/// <summary>Binds <c>tools</c>, <c>agents.&lt;name&gt;.tools</c> and <c>mcp</c>.</summary>
internal static class ToolsBinder
{
    private static readonly string[] Keys = ["maxRounds", "callTimeoutMs", "resultMaxChars", "workspace", "ownerOnly", "fetchUrl", "schedule"];
    private static readonly string[] FetchKeys = ["allowPrivate", "allowHosts", "maxBytes", "maxChars", "timeoutMs", "maxRedirects"];
    private static readonly string[] ScheduleKeys = ["timeZone", "missed", "maxJobsPerSender"];
    private static readonly string[] AgentKeys = ["allow", "deny"];
    private static readonly string[] McpKeys = ["servers"];
    private static readonly string[] ServerKeys = ["command", "args", "env", "cwd", "url", "headers", "ownerOnly", "enabled", "startTimeoutMs"];

    public static ToolsSettings Bind(JsonNode? node, string path, ConfigReader r)
    {
        var settings = new ToolsSettings();
        foreach (var (key, value) in r.Object(node, path) ?? [])
        {
            var at = ConfigPath.Child(path, key);
            switch (key)
            {
                case "maxRounds": settings.MaxRounds = r.Int(value, at); break;
                case "callTimeoutMs": settings.CallTimeoutMs = r.Int(value, at); break;
                case "resultMaxChars": settings.ResultMaxChars = r.Int(value, at); break;
                case "workspace": settings.Workspace = r.String(value, at); break;
                case "ownerOnly": settings.OwnerOnly = r.StringList(value, at); break;
                case "fetchUrl": settings.FetchUrl = FetchUrl(value, at, r); break;
                case "schedule": settings.Schedule = Schedule(value, at, r); break;
                default: r.UnknownRefused(at, key, Keys, "tools"); break;
            }
        }

        return settings;
    }

    public static AgentToolSettings BindAgent(JsonNode? node, string path, ConfigReader r)
    {
        var settings = new AgentToolSettings();
        foreach (var (key, value) in r.Object(node, path) ?? [])
        {
            var at = ConfigPath.Child(path, key);
            switch (key)
            {
                case "allow": settings.Allow = r.StringList(value, at) ?? []; break;
                case "deny": settings.Deny = r.StringList(value, at) ?? []; break;
                default: r.UnknownRefused(at, key, AgentKeys, "agents.<name>.tools"); break;
            }
        }

        return settings;
    }

    public static McpSettings BindMcp(JsonNode? node, string path, ConfigReader r)
    {
        var settings = new McpSettings();
        foreach (var (key, value) in r.Object(node, path) ?? [])
        {
            var at = ConfigPath.Child(path, key);
            if (key != "servers")
            {
                r.UnknownRefused(at, key, McpKeys, "mcp");
                continue;
            }

            foreach (var (name, server) in r.Object(value, at) ?? [])
            {
                var serverPath = ConfigPath.Child(at, name);
                if (r.Object(server, serverPath) is { } obj)
                {
                    settings.Servers[name] = Server(obj, serverPath, r);
                }
            }
        }

        return settings;
    }

    private static McpServerSettings Server(JsonObject obj, string path, ConfigReader r)
    {
        var server = new McpServerSettings();
        foreach (var (key, value) in obj)
        {
            var at = ConfigPath.Child(path, key);
            switch (key)
            {
                case "command": server.Command = r.String(value, at); break;
                case "args": server.Args = r.StringList(value, at) ?? []; break;
                case "env": server.Env = StringMap(value, at, r, StringComparer.Ordinal); break;
                case "cwd": server.Cwd = r.String(value, at); break;
                case "url": server.Url = r.HttpUrl(value, at); break;
                case "headers": server.Headers = StringMap(value, at, r, StringComparer.OrdinalIgnoreCase); break;
                case "ownerOnly": server.OwnerOnly = r.Bool(value, at); break;
                case "enabled": server.Enabled = r.Bool(value, at); break;
                case "startTimeoutMs": server.StartTimeoutMs = r.Int(value, at); break;
                default: r.UnknownRefused(at, key, ServerKeys, "mcp"); break;
            }
        }

        return server;
    }

    private static Dictionary<string, string> StringMap(JsonNode? node, string path, ConfigReader r, StringComparer comparer)
    {
        var map = new Dictionary<string, string>(comparer);
        foreach (var (key, value) in r.Object(node, path) ?? [])
        {
            if (r.String(value, ConfigPath.Child(path, key)) is { } text)
            {
                map[key] = text;
            }
        }

        return map;
    }

    private static FetchUrlSettings FetchUrl(JsonNode? node, string path, ConfigReader r)
    {
        var settings = new FetchUrlSettings();
        foreach (var (key, value) in r.Object(node, path) ?? [])
        {
            var at = ConfigPath.Child(path, key);
            switch (key)
            {
                case "allowPrivate": settings.AllowPrivate = r.Bool(value, at); break;
                case "allowHosts": settings.AllowHosts = r.StringList(value, at) ?? []; break;
                case "maxBytes": settings.MaxBytes = r.Long(value, at); break;
                case "maxChars": settings.MaxChars = r.Int(value, at); break;
                case "timeoutMs": settings.TimeoutMs = r.Int(value, at); break;
                case "maxRedirects": settings.MaxRedirects = r.Int(value, at); break;
                default: r.UnknownRefused(at, key, FetchKeys, "tools"); break;
            }
        }

        return settings;
    }

    private static ScheduleSettings Schedule(JsonNode? node, string path, ConfigReader r)
    {
        var settings = new ScheduleSettings();
        foreach (var (key, value) in r.Object(node, path) ?? [])
        {
            var at = ConfigPath.Child(path, key);
            switch (key)
            {
                case "timeZone": settings.TimeZone = r.String(value, at); break;
                case "missed": settings.Missed = r.String(value, at); break;
                case "maxJobsPerSender": settings.MaxJobsPerSender = r.Int(value, at); break;
                default: r.UnknownRefused(at, key, ScheduleKeys, "tools"); break;
            }
        }

        return settings;
    }
}
