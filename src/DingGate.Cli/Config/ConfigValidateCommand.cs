using System.CommandLine;
using DingGate.Core.Configuration.Loading;

namespace DingGate.Cli.Config;

/// <summary><c>dinggate config validate [--config path]</c>: loads the configuration as the gateway would and reports.</summary>
internal static class ConfigValidateCommand
{
    private const string Description = """
        Load the configuration exactly as the gateway does (JSON5, ${ENV} and ${file:/path} references, every key
        checked) and report each problem with its JSON path, the value (secrets shown as ***) and what is allowed.
        Unknown and legacy keys are warnings.
        Exit codes: 0 valid; 78 invalid or missing configuration; 2 bad command line.
        """;

    public static Command Create(TextWriter output, TextWriter error)
    {
        var config = ConfigCommand.ConfigOption();
        var command = new Command("validate", Description) { config };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(config), output, error, cancellationToken));
        return command;
    }

    internal static async Task<int> RunAsync(string? configPath, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var source = ConfigSource.FromProcess(configPath);
        try
        {
            var loaded = new ConfigLoader().Load(source);
            await ConfigReport.WriteWarningsAsync(loaded.Warnings, error, cancellationToken);
            await output.WriteLineAsync($"Configuration OK: {loaded.Path}".AsMemory(), cancellationToken);
            return ExitCodes.Ok;
        }
        catch (ConfigException ex)
        {
            await ConfigReport.WriteWarningsAsync(ex.Warnings, error, cancellationToken);
            await ConfigReport.WriteErrorsAsync(ex.Errors, error, cancellationToken);
            await error.WriteLineAsync($"Configuration invalid: {source.Path} ({ex.Errors.Count} error(s))".AsMemory(), cancellationToken);
            return ExitCodes.Config;
        }
    }
}
