using System.CommandLine;
using System.Globalization;
using DingGate.Cli.Config;
using DingGate.Cli.Gateway.Locking;
using DingGate.Core.Configuration.Loading;
using DingGate.Core.Secrets;
using DingGate.Storage.Postgres;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace DingGate.Cli.Storage;

/// <summary>
/// <c>dinggate storage migrate --to postgres [--connection-string …]</c>: copies the SQLite state of the state directory
/// (<c>dinggate.db</c>) into an empty PostgreSQL database, every table, and prints the rows per table. Holds the state
/// directory's gateway lock throughout (refused while a gateway runs on it, and no gateway starts on it meanwhile).
/// </summary>
internal static class StorageMigrateCommand
{
    private const string ExitCodesText =
        "Exit codes: 0 copied; 1 refused or failed, nothing written (a gateway holds the state directory, no SQLite state, the database unreachable or not empty); 2 bad command line; 78 invalid configuration or no connection string.";

    private const string SqliteFileName = "dinggate.db";

    public static Command Create(TextWriter output, TextWriter error)
    {
        var config = ConfigCommand.ConfigOption();
        var to = new Option<string>("--to") { Description = "The provider to move to: postgres.", Required = true, HelpName = "provider" };
        to.AcceptOnlyFromAmong("postgres");
        var connection = new Option<string?>("--connection-string")
        {
            Description = "Npgsql connection string of the target database. Default: storage.connectionString of the configuration.",
            HelpName = "string",
        };
        var command = new Command("migrate", $"""
            Copy the SQLite state of the state directory (dinggate.db: journal, dedup marks, sessions, pairing and
            allowed senders, open cards, indicators, API usage and quota notices, outbox, scheduled jobs, owner
            approvals) into a PostgreSQL database, values unchanged, in one transaction. The target must be empty
            (a new database, or one no gateway has written to): a database that holds state is refused, never merged.
            Stop the gateway first; the SQLite file is only read and stays as it was. Afterwards set storage.provider
            to "postgres" and start the gateway.
            {ExitCodesText}
            """) { config, to, connection };
        command.SetAction((parse, cancellationToken) =>
            RunAsync(parse.GetValue(config), parse.GetValue(connection), output, error, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string? configPath, string? givenConnectionString, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        const string Verb = "dinggate storage migrate";
        var source = ConfigSource.FromProcess(configPath);
        if (await ConfigReport.LoadOrReportAsync(source, error, cancellationToken) is not { } loaded)
        {
            await error.WriteLineAsync($"configuration invalid: {source.Path}");
            return ExitCodes.Config;
        }

        var connectionString = string.IsNullOrWhiteSpace(givenConnectionString) ? loaded.Config.Storage.ConnectionString : givenConnectionString;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            await error.WriteLineAsync($"{Verb}: no PostgreSQL connection string: give --connection-string, or set storage.connectionString in {source.Path}");
            return ExitCodes.Config;
        }

        var redactor = ConfigSecrets.Redactor(loaded.Config).With([PasswordOf(connectionString)]);
        var sqlitePath = Path.Combine(loaded.StateDirectory, SqliteFileName);
        if (!File.Exists(sqlitePath))
        {
            await error.WriteLineAsync($"{Verb}: nothing to migrate: there is no SQLite state at {sqlitePath}");
            return ExitCodes.Runtime;
        }

        try
        {
            using var gatewayLock = GatewayLock.Acquire(loaded.StateDirectory);
            var counts = await SqliteToPostgresCopier.CopyAsync(sqlitePath, connectionString, cancellationToken);
            await output.WriteLineAsync(Report(sqlitePath, connectionString, counts));
            return ExitCodes.Ok;
        }
        catch (GatewayLockedException ex)
        {
            await error.WriteLineAsync($"{Verb}: {redactor.Redact(ex.Message)}; stop it first ('dinggate gateway stop'), then migrate");
        }
        catch (StateMigrationException ex)
        {
            await error.WriteLineAsync($"{Verb}: {redactor.Redact(ex.Message)}");
        }
        catch (PostgresStorageException ex)
        {
            await error.WriteLineAsync($"{Verb}: the PostgreSQL database cannot be used, nothing was copied: {redactor.Redact(ex.Message)}");
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            await error.WriteLineAsync($"{Verb}: the copy to PostgreSQL failed and was rolled back, nothing was written: {redactor.Redact(ex.Message)}");
        }
        catch (SqliteException ex)
        {
            await error.WriteLineAsync($"{Verb}: cannot read the SQLite state {sqlitePath}, nothing was written: {redactor.Redact(ex.Message)}");
        }

        return ExitCodes.Runtime;
    }

    private static string Report(string sqlitePath, string connectionString, IReadOnlyList<TableCount> counts)
    {
        var width = counts.Max(c => c.Table.Length) + 2;
        var lines = new List<string> { $"Copied {sqlitePath} to PostgreSQL ({PostgresConnectionText.Describe(connectionString)}):" };
        lines.AddRange(counts.Select(c => "  " + c.Table.PadRight(width) + c.Rows.ToString(CultureInfo.InvariantCulture).PadLeft(9)));
        lines.Add("  " + "total".PadRight(width) + counts.Sum(c => c.Rows).ToString(CultureInfo.InvariantCulture).PadLeft(9));
        lines.Add("Next: set storage.provider to \"postgres\" (and storage.connectionString) in the configuration, then start the gateway.");
        return string.Join(Environment.NewLine, lines);
    }

    // The password of the given connection string (masked in every message), if it parses.
    private static string? PasswordOf(string connectionString)
    {
        try
        {
            return new NpgsqlConnectionStringBuilder(connectionString).Password;
        }
        catch (ArgumentException)
        {
            return connectionString;
        }
    }
}
