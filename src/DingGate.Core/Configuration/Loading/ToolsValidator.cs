namespace DingGate.Core.Configuration.Loading;

/// <summary>
/// Checks <c>tools</c>, each agent's <c>tools</c> patterns and <c>mcp.servers</c>: ranges, a known time zone, patterns
/// that can match (<c>*</c>, a tool name, <c>mcp:&lt;server&gt;/*</c> or <c>mcp:&lt;server&gt;/&lt;tool&gt;</c> of a
/// configured server), and each server either a command or a URL, not both.
/// </summary>
internal static class ToolsValidator
{
    /// <summary>Allowed <c>tools.schedule.missed</c> values.</summary>
    public static readonly IReadOnlyList<string> MissedPolicies = ["late", "skip"];

    public static void Validate(DinggateConfig config, ConfigErrorList errors)
    {
        var t = config.Tools;
        errors.Check(t.MaxRounds is null or (>= 1 and <= 64), "tools.maxRounds", t.MaxRounds, "must be between 1 and 64");
        errors.AtLeast(t.CallTimeoutMs, 100, "tools.callTimeoutMs");
        errors.AtLeast(t.ResultMaxChars, 100, "tools.resultMaxChars");
        errors.Check(t.Workspace is null || t.Workspace.Trim().Length > 0, "tools.workspace", t.Workspace, "must be a directory path");
        Patterns(t.OwnerOnly ?? [], "tools.ownerOnly", config, errors);
        var f = t.FetchUrl;
        errors.AtLeast(f.MaxBytes, 1024, "tools.fetchUrl.maxBytes");
        errors.AtLeast(f.MaxChars, 100, "tools.fetchUrl.maxChars");
        errors.AtLeast(f.TimeoutMs, 100, "tools.fetchUrl.timeoutMs");
        errors.Check(f.MaxRedirects is null or (>= 0 and <= 20), "tools.fetchUrl.maxRedirects", f.MaxRedirects, "must be between 0 and 20");
        for (var i = 0; i < f.AllowHosts.Count; i++)
        {
            errors.Check(Uri.CheckHostName(HostOf(f.AllowHosts[i])) != UriHostNameType.Unknown, ConfigPath.Item("tools.fetchUrl.allowHosts", i), f.AllowHosts[i], "must be a host name or address, optionally with :port");
        }

        var s = t.Schedule;
        errors.Check(s.TimeZone is null || TryZone(s.TimeZone), "tools.schedule.timeZone", s.TimeZone, "is not a known IANA time zone (e.g. Asia/Shanghai)");
        errors.OneOf(s.Missed, MissedPolicies, "tools.schedule.missed");
        errors.AtLeast(s.MaxJobsPerSender, 1, "tools.schedule.maxJobsPerSender");

        foreach (var (name, agent) in config.Agents)
        {
            var at = ConfigPath.Child(ConfigPath.Child("agents", name), "tools");
            Patterns(agent.Tools.Allow, ConfigPath.Child(at, "allow"), config, errors);
            Patterns(agent.Tools.Deny, ConfigPath.Child(at, "deny"), config, errors);
        }

        foreach (var (name, server) in config.Mcp.Servers)
        {
            var at = ConfigPath.Child("mcp.servers", name);
            errors.Check(IsToolSourceName(name), at, name, "server names are letters, digits, '-' and '_' (they name the tool source mcp:<name>)");
            var hasCommand = !string.IsNullOrWhiteSpace(server.Command);
            var hasUrl = server.Url is not null;
            errors.Check(hasCommand || hasUrl, at, null, "needs either command (a stdio server) or url (a streamable HTTP server)");
            errors.Check(!(hasCommand && hasUrl), ConfigPath.Child(at, "url"), server.Url, "a server has either command or url, not both");
            errors.Check(hasCommand || (server.Args.Count == 0 && server.Env.Count == 0 && server.Cwd is null), ConfigPath.Child(at, "args"), null, "args, env and cwd belong to a stdio server (command)");
            errors.Check(hasUrl || server.Headers.Count == 0, ConfigPath.Child(at, "headers"), null, "headers belong to an HTTP server (url)");
            errors.AtLeast(server.StartTimeoutMs, 100, ConfigPath.Child(at, "startTimeoutMs"));
        }
    }

    private static void Patterns(IList<string> patterns, string path, DinggateConfig config, ConfigErrorList errors)
    {
        for (var i = 0; i < patterns.Count; i++)
        {
            var pattern = patterns[i];
            var at = ConfigPath.Item(path, i);
            if (pattern.StartsWith("mcp:", StringComparison.Ordinal))
            {
                var rest = pattern["mcp:".Length..];
                var slash = rest.IndexOf('/', StringComparison.Ordinal);
                var server = slash < 0 ? rest : rest[..slash];
                var tool = slash < 0 ? string.Empty : rest[(slash + 1)..];
                if (tool.Length == 0)
                {
                    errors.Add(at, pattern, "must be mcp:<server>/* or mcp:<server>/<tool>");
                }
                else
                {
                    errors.Check(config.Mcp.Servers.ContainsKey(server), at, pattern, "names no server under mcp.servers" + Known(config.Mcp.Servers.Keys));
                }
            }
            else
            {
                errors.Check(pattern == "*" || IsToolSourceName(pattern), at, pattern, "must be *, a tool name, mcp:<server>/* or mcp:<server>/<tool>");
            }
        }
    }

    private static bool IsToolSourceName(string name) =>
        name.Length is > 0 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    private static string HostOf(string hostPort)
    {
        var colon = hostPort.LastIndexOf(':');
        return colon > 0 && hostPort.IndexOf(':', StringComparison.Ordinal) == colon ? hostPort[..colon] : hostPort;
    }

    private static bool TryZone(string id)
    {
        try
        {
            _ = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return false;
        }
    }

    private static string Known(IEnumerable<string> names)
    {
        var list = names.Order(StringComparer.Ordinal).ToList();
        return list.Count == 0 ? " (none defined)" : " (defined: " + string.Join(", ", list) + ")";
    }
}
