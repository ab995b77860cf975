using System.CommandLine;
using DingGate.Cli.Config;
using DingGate.Storage.Postgres;

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

    /// <summary>Opens the state of the chosen account and runs <paramref name="action"/> on it; a configuration or account problem or an unusable PostgreSQL state database is reported and its exit code returned instead.</summary>
    public async Task<int> RunAsync(ParseResult parse, TextWriter error, Func<StateContext, Task<int>> action, CancellationToken cancellationToken)
    {
        var (context, exit) = await StateContext.OpenAsync(parse.GetValue(Config), parse.GetValue(Account), error, cancellationToken);
        if (context is null)
        {
            return exit;
        }

        await using (context)
        {
            try
            {
                return await action(context);
            }
            catch (PostgresStorageException ex)
            {
                // storage.provider postgres and the database unreachable or refusing: one line, no stack trace, no password.
                await error.WriteLineAsync($"error: the PostgreSQL state database (storage.connectionString) cannot be used: {context.Redactor.Redact(ex.Message)}");
                return ExitCodes.Runtime;
            }
        }
    }
}
