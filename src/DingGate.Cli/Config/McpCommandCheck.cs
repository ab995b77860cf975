using DingGate.Core.Configuration;
using DingGate.Core.Configuration.Loading;

namespace DingGate.Cli.Config;

/// <summary>
/// Each enabled stdio MCP server's <c>command</c> must exist: an absolute path (or one relative to the working
/// directory) naming an executable file, or a bare name found on PATH. Part of <see cref="ConfigCheck"/>, so the
/// gateway refuses what <c>config validate</c> refuses. Nothing is started.
/// </summary>
internal static class McpCommandCheck
{
    public static IReadOnlyList<ConfigError> Run(DinggateConfig config, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var errors = new List<ConfigError>();
        foreach (var (name, server) in config.Mcp.Servers.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            if (server.Enabled == false || server.Url is not null || string.IsNullOrWhiteSpace(server.Command))
            {
                continue;
            }

            var command = server.Command;
            if (Resolve(command, environment) is null)
            {
                var where = command.Contains('/', StringComparison.Ordinal) || command.Contains('\\', StringComparison.Ordinal)
                    ? "no executable file at this path"
                    : "not found on PATH (give an absolute path, or install it)";
                errors.Add(new ConfigError($"mcp.servers.{name}.command", System.Text.Json.JsonSerializer.Serialize(command), "the stdio server's command does not exist: " + where));
            }
        }

        return errors;
    }

    /// <summary>The executable <paramref name="command"/> names, or null when there is none.</summary>
    public static string? Resolve(string command, Func<string, string?> environment)
    {
        if (command.Contains('/', StringComparison.Ordinal) || command.Contains('\\', StringComparison.Ordinal))
        {
            var full = Path.GetFullPath(command);
            return IsExecutable(full) ? full : null;
        }

        var extensions = OperatingSystem.IsWindows()
            ? ["", .. (environment("PATHEXT") ?? ".COM;.EXE;.BAT;.CMD").Split(';', StringSplitOptions.RemoveEmptyEntries)]
            : new[] { string.Empty };
        foreach (var directory in (environment("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var extension in extensions)
            {
                var candidate = Path.Combine(directory, command + extension);
                if (IsExecutable(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static bool IsExecutable(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return (File.GetUnixFileMode(path) & anyExecute) != 0;
    }
}
