using Dapper;
using DingGate.Storage.Postgres;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace DingGate.Cli.Storage;

/// <summary>
/// Copies a SQLite state file into a PostgreSQL state database, every table, values unchanged. The source is only read,
/// in one read transaction (a consistent snapshot). The target's schema is brought up to date first (as a gateway's
/// start does); then the whole copy is one PostgreSQL transaction that locks every table against writers, checks that
/// they are all empty and copies (binary COPY): a crash or an error leaves the target as it was, and a second run after
/// a success is refused (the target holds data). Columns are matched by name, so a state file of an older build (a
/// column or table it did not have yet) gets the PostgreSQL defaults, as its own migration would have given it.
/// </summary>
internal static class SqliteToPostgresCopier
{
    public static async Task<IReadOnlyList<TableCount>> CopyAsync(string sqlitePath, string connectionString, CancellationToken cancellationToken)
    {
        var source = new SqliteConnectionStringBuilder { DataSource = sqlitePath, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString();
        await using var sqlite = new SqliteConnection(source);
        await sqlite.OpenAsync(cancellationToken);
        await using var snapshot = sqlite.BeginTransaction(deferred: true);
        var sourceTables = await SourceTablesAsync(sqlite, snapshot, cancellationToken);

        PostgresStateDatabase.EnsureSchema(connectionString);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var postgres = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await postgres.BeginTransactionAsync(cancellationToken);
        var names = string.Join(", ", StateTables.All.Select(t => t.Name));
        await postgres.ExecuteAsync(new CommandDefinition($"LOCK TABLE {names} IN SHARE ROW EXCLUSIVE MODE;", transaction: transaction, cancellationToken: cancellationToken));
        await RefuseNonEmptyAsync(postgres, transaction, cancellationToken);

        var counts = new List<TableCount>();
        foreach (var table in StateTables.All)
        {
            var rows = sourceTables.Contains(table.Name) ? await CopyTableAsync(sqlite, snapshot, postgres, transaction, table, cancellationToken) : 0;
            counts.Add(new TableCount(table.Name, rows));
        }

        await ContinueOutboxIdsAsync(sqlite, snapshot, postgres, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return counts;
    }

    // The state tables of the file; a table this build does not know (a newer DingGate wrote it) stops the copy, which
    // would otherwise lose it silently.
    private static async Task<HashSet<string>> SourceTablesAsync(SqliteConnection sqlite, SqliteTransaction snapshot, CancellationToken cancellationToken)
    {
        var tables = (await sqlite.QueryAsync<string>(new CommandDefinition(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_version';",
            transaction: snapshot,
            cancellationToken: cancellationToken))).ToHashSet(StringComparer.Ordinal);
        var unknown = tables.Where(t => StateTables.All.All(k => k.Name != t) && !StateTables.NotCopied.Contains(t)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new StateMigrationException(
                $"the SQLite state has tables this build cannot migrate ({string.Join(", ", unknown)}): it was written by a newer DingGate; migrate with that version");
        }

        return tables;
    }

    private static async Task RefuseNonEmptyAsync(NpgsqlConnection postgres, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var holding = new List<string>();
        foreach (var table in StateTables.All)
        {
            if (await postgres.ExecuteScalarAsync<bool>(new CommandDefinition(
                $"SELECT EXISTS (SELECT 1 FROM {table.Name});", transaction: transaction, cancellationToken: cancellationToken)))
            {
                holding.Add(table.Name);
            }
        }

        if (holding.Count > 0)
        {
            throw new StateMigrationException(
                $"the PostgreSQL database already holds state ({string.Join(", ", holding)}); storage migrate only fills an empty database, so nothing was copied: point --connection-string at a new database, or empty this one first");
        }
    }

    private static async Task<long> CopyTableAsync(
        SqliteConnection sqlite, SqliteTransaction snapshot, NpgsqlConnection postgres, NpgsqlTransaction transaction, StateTable table, CancellationToken cancellationToken)
    {
        var sourceColumns = (await sqlite.QueryAsync<string>(new CommandDefinition(
            "SELECT name FROM pragma_table_info(@table);", new { table = table.Name }, snapshot, cancellationToken: cancellationToken))).ToHashSet(StringComparer.Ordinal);
        var targetColumns = (await postgres.QueryAsync<(string Name, string Type)>(new CommandDefinition(
            """
            SELECT column_name, data_type FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = @table ORDER BY ordinal_position;
            """,
            new { table = table.Name },
            transaction,
            cancellationToken: cancellationToken))).ToList();
        var columns = targetColumns.Where(c => sourceColumns.Contains(c.Name)).ToList();
        if (columns.Count == 0)
        {
            return 0;
        }

        var types = columns.Select(c => c.Type switch
        {
            "bigint" => NpgsqlDbType.Bigint,
            "text" => NpgsqlDbType.Text,
            _ => throw new StateMigrationException($"{table.Name}.{c.Name}: column type {c.Type} is not migrated by this build"),
        }).ToArray();
        var list = string.Join(", ", columns.Select(c => c.Name));

        await using var read = sqlite.CreateCommand();
        read.Transaction = snapshot;
        read.CommandText = $"SELECT {list} FROM {table.Name} ORDER BY {table.SqliteOrder};";
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        await using var import = await postgres.BeginBinaryImportAsync($"COPY {table.Name} ({list}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            await import.StartRowAsync(cancellationToken);
            for (var i = 0; i < types.Length; i++)
            {
                if (await reader.IsDBNullAsync(i, cancellationToken))
                {
                    await import.WriteNullAsync(cancellationToken);
                }
                else if (types[i] == NpgsqlDbType.Bigint)
                {
                    await import.WriteAsync(reader.GetInt64(i), NpgsqlDbType.Bigint, cancellationToken);
                }
                else
                {
                    await import.WriteAsync(reader.GetString(i), NpgsqlDbType.Text, cancellationToken);
                }
            }
        }

        return (long)await import.CompleteAsync(cancellationToken);
    }

    // reply_outbox ids were copied as they are (operators and logs name entries by id): the serial continues after the
    // highest id SQLite ever gave (AUTOINCREMENT never reuses one, even of a deleted entry).
    private static async Task ContinueOutboxIdsAsync(
        SqliteConnection sqlite, SqliteTransaction snapshot, NpgsqlConnection postgres, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var hasSequence = await sqlite.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence');", transaction: snapshot, cancellationToken: cancellationToken));
        var given = hasSequence
            ? await sqlite.ExecuteScalarAsync<long?>(new CommandDefinition(
                "SELECT seq FROM sqlite_sequence WHERE name = 'reply_outbox';", transaction: snapshot, cancellationToken: cancellationToken)) ?? 0
            : 0;
        var highest = Math.Max(given, await postgres.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COALESCE(MAX(id), 0) FROM reply_outbox;", transaction: transaction, cancellationToken: cancellationToken)));
        if (highest > 0)
        {
            await postgres.ExecuteAsync(new CommandDefinition(
                "SELECT setval(pg_get_serial_sequence('reply_outbox', 'id'), @highest);", new { highest }, transaction, cancellationToken: cancellationToken));
        }
    }
}
