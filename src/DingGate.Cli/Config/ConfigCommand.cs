using System.CommandLine;

namespace DingGate.Cli.Config;

/// <summary><c>dinggate config</c>: validate, get, set, unset, import OpenClaw's.</summary>
internal static class ConfigCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var command = new Command("config", "Check (validate), read (get) and change (set, unset) the configuration file, or import an OpenClaw one (import-openclaw).");
        command.Subcommands.Add(ConfigValidateCommand.Create(output, error));
        command.Subcommands.Add(ConfigImportCommand.Create(output, error));
        command.Subcommands.Add(ConfigGetCommand.Create(output, error));
        command.Subcommands.Add(ConfigSetCommand.CreateSet(output, error));
        command.Subcommands.Add(ConfigSetCommand.CreateUnset(output, error));
        return command;
    }

    /// <summary>The shared <c>--config</c> option.</summary>
    public static Option<string?> ConfigOption() => new("--config", "-c")
    {
        Description = "Configuration file. Default: $DINGGATE_CONFIG, else ~/.dinggate/dinggate.json.",
        HelpName = "path",
    };

    /// <summary>The shared <c>--allow-duplicates</c> option of <c>config validate</c> and <c>gateway</c>.</summary>
    public static Option<bool> AllowDuplicatesOption() => new(Core.Configuration.Loading.ConfigLoader.AllowDuplicatesOption)
    {
        Description = "Accept a key written twice in one object (each one a warning; the last value is used, as JSON5 does). Without it a duplicate key is an error naming both lines.",
    };
}
