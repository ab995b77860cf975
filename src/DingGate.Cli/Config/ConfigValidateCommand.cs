using System.CommandLine;
using DingGate.Core.Configuration.Loading;

namespace DingGate.Cli.Config;

/// <summary><c>dinggate config validate [--config path]</c>: loads the configuration as the gateway would and reports.</summary>
internal static class ConfigValidateCommand
{
    private const string Description = """
        Load the configuration exactly as the gateway does before it starts (JSON5, ${ENV} and ${file:/path}
        references, every key checked, at least one enabled account) and report each problem with its JSON path, the
        value (secrets shown as ***) and what is allowed. A key written twice is an error naming both lines (see
        --allow-duplicates); an unknown key under channels.dingtalk is an error with a did-you-mean hint; other unknown
        keys, legacy keys and an allowlist policy that lets nobody in (allowFrom empty, no approved sender in the state
        directory) are warnings.
        Exit codes: 0 valid; 78 invalid or missing configuration; 2 bad command line.
        """;

    public static Command Create(TextWriter output, TextWriter error)
    {
        var config = ConfigCommand.ConfigOption();
        var allowDuplicates = ConfigCommand.AllowDuplicatesOption();
        var command = new Command("validate", Description) { config, allowDuplicates };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(config), parse.GetValue(allowDuplicates), output, error, cancellationToken));
        return command;
    }

    internal static async Task<int> RunAsync(string? configPath, bool allowDuplicates, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var source = ConfigSource.FromProcess(configPath);
        var check = await ConfigCheck.RunAsync(source, allowDuplicates, cancellationToken);
        await check.WriteAsync(error, cancellationToken);
        if (check.IsValid)
        {
            await output.WriteLineAsync($"Configuration OK: {check.Loaded!.Path}".AsMemory(), cancellationToken);
            return ExitCodes.Ok;
        }

        await error.WriteLineAsync($"Configuration invalid: {source.Path} ({check.Errors.Count} error(s))".AsMemory(), cancellationToken);
        return ExitCodes.Config;
    }
}
