using Dapper;
using Microsoft.Data.Sqlite;

namespace DingGate.Storage.Sqlite;

/// <summary>
/// Reads how many senders each account has approved (by pairing or <c>dinggate allow add</c>) straight from the state
/// database, read-only: for checks that run before the gateway opens it (<c>config validate</c>, the gateway's own
/// start), so that neither creates nor migrates a database.
/// </summary>
public static class SqliteApprovedSenders
{
    /// <summary>Approved senders per account id; null when the state directory holds no database yet.</summary>
    /// <exception cref="SqliteStorageException">The database exists but cannot be read.</exception>
    public static async Task<IReadOnlyDictionary<string, int>?> CountByAccountAsync(string stateDirectory, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stateDirectory);
        var path = Path.GetFullPath(Path.Combine(stateDirectory, SqliteDatabase.FileName));
        if (!File.Exists(path))
        {
            return null;
        }

        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        try
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var rows = await connection.QueryAsync<(string AccountId, long Count)>(new CommandDefinition(
                "SELECT account_id, COUNT(*) FROM pairing_approved GROUP BY account_id;", cancellationToken: cancellationToken)).ConfigureAwait(false);
            return rows.ToDictionary(r => r.AccountId, r => (int)r.Count, StringComparer.Ordinal);
        }
        catch (SqliteException ex)
        {
            throw new SqliteStorageException(path, $"Cannot read the approved senders from '{path}': {ex.Message}", ex);
        }
    }
}
