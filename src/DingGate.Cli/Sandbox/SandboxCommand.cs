using System.CommandLine;
using DingGate.Cli.Config;
using DingGate.Cli.Emulator;
using DingGate.Core.Configuration;
using DingGate.Core.Configuration.Loading;

namespace DingGate.Cli.Sandbox;

/// <summary>
/// <c>dinggate sandbox</c>: the one-command try-out. The DingTalk emulator with a demo app, a DingGate gateway
/// connected to it over the real Stream protocol, and a DingTalk-like chat page.
/// </summary>
internal static class SandboxCommand
{
    private const string Description = """
        Try DingGate with no DingTalk account and no API key. Starts, on 127.0.0.1, the DingTalk emulator with a demo
        app, a DingGate gateway connected to it over the Stream protocol, and a chat page that behaves like DingTalk:
        a 1:1 chat and a group with the bot, text and files, markdown replies and AI cards streaming live, switches
        for the reply mode and the DM/group policies, the pairing flow. The models of your configuration answer when
        it has any (--config, $DINGGATE_CONFIG or ~/.dinggate/dinggate.json), else an offline demo model that shows
        what it received. Nothing is written outside a temporary directory.
        Exit codes: 0 stopped normally; 1 runtime failure (e.g. port in use); 2 bad command line.
        """;

    public static Command Create(TextWriter output, TextWriter error)
    {
        var arguments = new EmulatorArguments();
        var config = ConfigCommand.ConfigOption();
        var command = new Command("sandbox", Description) { config };
        command.Options.Add(arguments.Port);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var user = await UserConfigAsync(ConfigSource.FromProcess(parse.GetValue(config)), error);
            var run = new SandboxRunOptions { Port = parse.GetValue(arguments.Port), UserConfig = user };
            return await SandboxRunner.RunAsync(run, output, error, cancellationToken);
        });
        return command;
    }

    // The user's configuration when there is one that loads; a broken one is reported and the demo model used instead.
    internal static async Task<DinggateConfig?> UserConfigAsync(ConfigSource source, TextWriter error)
    {
        if (!File.Exists(source.Path))
        {
            return null;
        }

        try
        {
            return new ConfigLoader().Load(source).Config;
        }
        catch (ConfigException ex)
        {
            // ConfigError masks secrets in its value, so the first problem can be shown as it is.
            var first = ex.Errors.Count == 0 ? ex.Message : ex.Errors[0].Path.Length == 0 ? ex.Errors[0].Reason : ex.Errors[0].ToString();
            var more = ex.Errors.Count > 1 ? $" (and {ex.Errors.Count - 1} more)" : string.Empty;
            await error.WriteLineAsync(
                $"warning: {source.Path} does not load: {first}{more}; run 'dinggate config validate'. The sandbox uses the offline demo model.");
            return null;
        }
    }
}
