using System.CommandLine;
using DingGate.Cli.Config;
using DingGate.Core.Configuration.Loading;

namespace DingGate.Cli.Channels;

/// <summary><c>dinggate channels add|list|remove|status</c>: the DingTalk apps (accounts) in the configuration.</summary>
internal static class ChannelsCommand
{
    public static Command Create(TextReader input, TextWriter output, TextWriter error)
    {
        var command = new Command("channels", "The DingTalk apps (accounts) the gateway runs: add, list, remove, status.");
        command.Subcommands.Add(ChannelsAddCommand.Create(input, output, error));
        command.Subcommands.Add(List(output, error));
        command.Subcommands.Add(Remove(output, error));
        command.Subcommands.Add(ChannelsStatusCommand.Create(output, error));
        return command;
    }

    private static Command List(TextWriter output, TextWriter error)
    {
        var config = ConfigCommand.ConfigOption();
        var command = new Command("list", "List the DingTalk accounts of the configuration (secrets never shown).\nExit codes: 0; 2 bad command line; 78 invalid configuration.") { config };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var source = ConfigSource.FromProcess(parse.GetValue(config));
            if (await ConfigReport.LoadOrReportAsync(source, error, cancellationToken) is not { } loaded)
            {
                return ExitCodes.Config;
            }

            var accounts = loaded.Config.Channels.Dingtalk?.Resolve() ?? [];
            if (accounts.Count == 0)
            {
                await output.WriteLineAsync("No DingTalk account configured. Add one with 'dinggate channels add'.");
                return ExitCodes.Ok;
            }

            await output.WriteLineAsync($"{"ACCOUNT",-12} {"ENABLED",-8} {"CLIENT ID",-24} {"REPLIES",-9} {"DM",-10} GROUP");
            foreach (var a in accounts)
            {
                await output.WriteLineAsync($"{a.Id,-12} {(a.Enabled ? "yes" : "no"),-8} {a.ClientId,-24} {(a.UsesCards ? "card" : "markdown"),-9} {a.DmPolicy.ToString().ToLowerInvariant(),-10} {a.GroupPolicy.ToString().ToLowerInvariant()}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Remove(TextWriter output, TextWriter error)
    {
        var config = ConfigCommand.ConfigOption();
        var account = new Option<string?>("--account", "-a") { Description = "Remove only channels.dingtalk.accounts.<id>; without it the whole channels.dingtalk section goes.", HelpName = "id" };
        var command = new Command("remove", "Remove a DingTalk account (or the whole channel) from the configuration. Restart the gateway afterwards.\nExit codes: 0 removed; 1 not configured; 2 bad command line; 78 the rest would be invalid.") { config, account };
        command.SetAction((parse, cancellationToken) =>
        {
            var id = parse.GetValue(account);
            var path = id is null ? "channels.dingtalk" : "channels.dingtalk.accounts." + id;
            var source = ConfigSource.FromProcess(parse.GetValue(config));
            return ConfigEdit.ApplyAsync(
                source, path, d => d.Remove(path) ? null : $"{path}: not configured in {source.Path}", $"Removed {path}", output, error, cancellationToken);
        });
        return command;
    }
}
