using System.CommandLine;
using DingGate.Cli.Config;
using DingGate.Core.Configuration.Loading;

namespace DingGate.Cli.Gateway;

/// <summary><c>dinggate gateway [--config path]</c>: runs every enabled DingTalk account in the foreground until Ctrl+C.</summary>
internal static class GatewayCommand
{
    private const string Description = """
        Run the gateway in the foreground: every enabled account of channels.dingtalk connects over the Stream
        protocol and the configured agent answers. Messages received but not answered before a stop or crash are
        answered at the next start. Logs go to the console and to daily JSONL files in <stateDir>/logs (secrets
        redacted in both). Ctrl+C / SIGTERM stops gracefully: no new messages are taken, running answers finish or are
        finalized.
        One gateway per state directory: a second one on the same state exits 1 at once, naming the first (pid, admin URL).
        When DingTalk has rejected the credentials of every account (none can ever connect) it stops, naming each
        account and the reason, with exit code 78; with one account connected it keeps running.
        Exit codes: 0 stopped normally; 1 runtime failure or another gateway holds the state directory; 2 bad command
        line; 78 invalid or missing configuration (checked exactly as 'dinggate config validate' does, before anything
        connects; --allow-duplicates as there), or every account's credentials rejected; 73 the state directory (under
        HOME by default) cannot be created.
        """;

    public static Command Create(TextWriter output, TextWriter error, CliServices services)
    {
        var config = ConfigCommand.ConfigOption();
        var allowDuplicates = ConfigCommand.AllowDuplicatesOption();
        var command = new Command("gateway", Description) { config, allowDuplicates };
        command.Subcommands.Add(GatewayStatusCommand.Create(output, error, services));
        foreach (var verb in GatewayServiceCommands.Create(output, error, services))
        {
            command.Subcommands.Add(verb);
        }
        command.SetAction((parse, cancellationToken) =>
            GatewayRunner.RunAsync(ConfigSource.FromProcess(parse.GetValue(config)), output, error, cancellationToken, allowDuplicateKeys: parse.GetValue(allowDuplicates)));
        return command;
    }
}
