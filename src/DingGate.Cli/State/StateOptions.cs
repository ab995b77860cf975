using System.CommandLine;
using DingGate.Cli.Config;

namespace DingGate.Cli.State;

/// <summary>The options every state verb takes: <c>--config</c> and <c>--account</c>.</summary>
internal sealed class StateOptions
{
    public Option<string?> Config { get; } = ConfigCommand.ConfigOption();

    public Option<string?> Account { get; } = new("--account", "-a")
    {
        Description = "DingTalk account id (channels.dingtalk.accounts.<id>, or 'default' for the top-level one); needed when several are enabled.",
        HelpName = "id",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Config);
        command.Options.Add(Account);
    }

    public Task<(StateContext? Context, int ExitCode)> OpenAsync(ParseResult parse, TextWriter error, CancellationToken cancellationToken) =>
        StateContext.OpenAsync(parse.GetValue(Config), parse.GetValue(Account), error, cancellationToken);
}
