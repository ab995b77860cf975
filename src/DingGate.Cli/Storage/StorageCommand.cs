using System.CommandLine;

namespace DingGate.Cli.Storage;

/// <summary><c>dinggate storage migrate --to postgres</c>: moves the state between storage providers.</summary>
internal static class StorageCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var command = new Command("storage", "The state storage (storage.provider): move an existing SQLite state to PostgreSQL.");
        command.Subcommands.Add(StorageMigrateCommand.Create(output, error));
        return command;
    }
}
