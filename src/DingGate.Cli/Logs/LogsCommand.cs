using System.CommandLine;
using DingGate.Cli.Config;
using DingGate.Cli.Gateway;
using DingGate.Core.Configuration.Loading;

namespace DingGate.Cli.Logs;

/// <summary><c>dinggate logs [--follow] [--json] [--account a] [--level l] [-n N] [--dir d]</c>: the gateway's JSONL logs.</summary>
internal static class LogsCommand
{
    private const string Description = """
        Show the gateway's logs (daily JSONL files in <stateDir>/logs, secrets already redacted): the last lines,
        pretty-printed in local time, or raw JSON lines with --json (one object per line: ts, level, category,
        eventId, message, props, scopes, exception). --follow keeps printing new lines until Ctrl+C.
        The directory comes from --dir, else the configuration (gateway.logDir, or <stateDir>/logs), else
        $DINGGATE_STATE_DIR/logs or ~/.dinggate/logs.
        Exit codes: 0 ok (also when there are no logs yet); 1 the logs cannot be read; 2 bad command line.
        """;

    public static Command Create(TextWriter output, TextWriter error)
    {
        var config = ConfigCommand.ConfigOption();
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new lines until Ctrl+C." };
        var json = new Option<bool>("--json") { Description = "Print the raw JSON lines (for jq and scripts)." };
        var account = new Option<string?>("--account") { Description = "Only lines of this DingTalk account id.", HelpName = "id" };
        var level = new Option<string?>("--level") { Description = "Minimum level: trace, debug, info, warn, error.", HelpName = "level" };
        var lines = new Option<int>("--lines", "-n") { Description = "How many of the last lines to show first (default 100).", DefaultValueFactory = _ => 100 };
        var dir = new Option<string?>("--dir") { Description = "Read this log directory instead.", HelpName = "path" };
        level.Validators.Add(r =>
        {
            if (LogFilter.Normalize(r.GetValueOrDefault<string?>()) is null && r.Tokens.Count > 0)
            {
                r.AddError($"--level must be one of {string.Join(", ", LogFilter.Levels)} (got '{r.Tokens[^1].Value}')");
            }
        });
        lines.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 0)
            {
                r.AddError("--lines must be 0 or more");
            }
        });
        var command = new Command("logs", Description) { config, follow, json, account, level, lines, dir };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var directory = parse.GetValue(dir) is { Length: > 0 } given
                ? Path.GetFullPath(given)
                : await ResolveDirectoryAsync(ConfigSource.FromProcess(parse.GetValue(config)), error);
            var options = new LogsOptions
            {
                Directory = directory,
                Follow = parse.GetValue(follow),
                Json = parse.GetValue(json),
                Lines = parse.GetValue(lines),
                Filter = new LogFilter(LogFilter.Normalize(parse.GetValue(level)), parse.GetValue(account)),
            };
            return await LogsRunner.RunAsync(options, output, error, cancellationToken);
        });
        return command;
    }

    // The configured log directory; a missing configuration means the defaults, a broken one is said and defaults used.
    internal static async Task<string> ResolveDirectoryAsync(ConfigSource source, TextWriter error)
    {
        if (!File.Exists(source.Path))
        {
            return GatewayPaths.DefaultLogDirectory(source);
        }

        try
        {
            return GatewayPaths.LogDirectory(new ConfigLoader().Load(source), source);
        }
        catch (ConfigException ex)
        {
            var fallback = GatewayPaths.DefaultLogDirectory(source);
            await error.WriteLineAsync($"warning: {source.Path} does not load ({ex.Errors.Count} error(s)); reading {fallback}.");
            return fallback;
        }
    }
}
