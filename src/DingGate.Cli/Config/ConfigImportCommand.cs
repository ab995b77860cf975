using System.CommandLine;
using DingGate.Core.Configuration.Json5;
using DingGate.Core.Configuration.Loading;

namespace DingGate.Cli.Config;

/// <summary><c>dinggate config import-openclaw [path]</c>: writes DingGate configuration from OpenClaw's DingTalk section.</summary>
internal static class ConfigImportCommand
{
    private const string Description = """
        Import the DingTalk section of an OpenClaw configuration (channels.dingtalk, or plugins.entries.dingtalk.config)
        into a DingGate configuration file. Values are copied as found (${ENV} references stay references); keys DingGate
        does not know are left out with a warning. Refuses to overwrite an existing file unless --force; --stdout prints instead.
        Exit codes: 0 written; 1 the target exists or cannot be written; 78 the OpenClaw file is missing or has no DingTalk section; 2 bad command line.
        """;

    public static Command Create(TextWriter output, TextWriter error)
    {
        var path = new Argument<string?>("path") { Description = "OpenClaw configuration. Default: ~/.openclaw/openclaw.json.", Arity = ArgumentArity.ZeroOrOne };
        var config = ConfigCommand.ConfigOption();
        config.Description = "Where to write. Default: $DINGGATE_CONFIG, else ~/.dinggate/dinggate.json.";
        var force = new Option<bool>("--force") { Description = "Overwrite the target file if it exists." };
        var toStdout = new Option<bool>("--stdout") { Description = "Print the configuration instead of writing it." };
        var command = new Command("import-openclaw", Description) { path, config, force, toStdout };
        command.SetAction((parse, ct) => RunAsync(new ImportRequest(parse.GetValue(path), parse.GetValue(config), parse.GetValue(force), parse.GetValue(toStdout)), output, error, ct));
        return command;
    }

    internal sealed record ImportRequest(string? OpenClawPath, string? Target, bool Force, bool ToStdout);

    internal static async Task<int> RunAsync(ImportRequest request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var target = ConfigSource.FromProcess(request.Target);
        var from = ConfigSource.ExpandHome(request.OpenClawPath ?? "~/.openclaw/openclaw.json", target.HomeDirectory);
        var warnings = new List<ConfigWarning>();
        string text;
        try
        {
            var json = Json5Reader.Parse(await File.ReadAllTextAsync(from, cancellationToken), from);
            text = Json5Writer.Write(OpenClawImporter.Import(json, warnings));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"error: cannot read {from}: {ex.Message}".AsMemory(), cancellationToken);
            return ExitCodes.Config;
        }
        catch (Json5Exception ex)
        {
            await error.WriteLineAsync($"error: {ex.Message}".AsMemory(), cancellationToken);
            return ExitCodes.Config;
        }
        catch (ConfigException ex)
        {
            await ConfigReport.WriteErrorsAsync(ex.Errors, error, cancellationToken);
            return ExitCodes.Config;
        }

        await ConfigReport.WriteWarningsAsync(warnings, error, cancellationToken);
        if (request.ToStdout)
        {
            await output.WriteAsync(text.AsMemory(), cancellationToken);
            return ExitCodes.Ok;
        }

        if (File.Exists(target.Path) && !request.Force)
        {
            await error.WriteLineAsync($"error: {target.Path} exists; use --force to overwrite it or --stdout to print".AsMemory(), cancellationToken);
            return ExitCodes.Runtime;
        }

        try
        {
            await ConfigFileWriter.WriteAsync(target.Path, text, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"error: cannot write {target.Path}: {ex.Message}".AsMemory(), cancellationToken);
            return ExitCodes.Runtime;
        }

        await output.WriteLineAsync($"Imported {from} into {target.Path}. Check it with: dinggate config validate".AsMemory(), cancellationToken);
        return ExitCodes.Ok;
    }
}
