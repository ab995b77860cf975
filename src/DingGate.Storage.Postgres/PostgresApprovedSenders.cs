using Dapper;
using Npgsql;

namespace DingGate.Storage.Postgres;

/// <summary>
/// Reads how many senders each account has approved (by pairing or <c>dinggate allow add</c>) from the PostgreSQL state
/// database without migrating it: for checks that run before the gateway opens it (<c>config validate</c>, the gateway's
/// own start). The PostgreSQL twin of <c>SqliteApprovedSenders</c>.
/// </summary>
public static class PostgresApprovedSenders
{
    /// <summary>Approved senders per account id; null when the database has no schema yet (no gateway has started on it).</summary>
    /// <exception cref="PostgresStorageException">The connection string is invalid or the database cannot be read (the message never carries the password).</exception>
    public static async Task<IReadOnlyDictionary<string, int>?> CountByAccountAsync(string connectionString, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        NpgsqlConnection connection;
        try
        {
            connection = new NpgsqlConnection(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new PostgresStorageException("The storage.connectionString is not a valid PostgreSQL connection string: " + ex.Message, ex);
        }

        await using (connection)
        {
            try
            {
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                var exists = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                    "SELECT to_regclass('pairing_approved') IS NOT NULL;", cancellationToken: cancellationToken)).ConfigureAwait(false);
                if (!exists)
                {
                    return null;
                }

                var rows = await connection.QueryAsync<(string AccountId, long Count)>(new CommandDefinition(
                    "SELECT account_id, COUNT(*) FROM pairing_approved GROUP BY account_id;", cancellationToken: cancellationToken)).ConfigureAwait(false);
                return rows.ToDictionary(r => r.AccountId, r => (int)r.Count, StringComparer.Ordinal);
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                throw new PostgresStorageException(
                    $"Cannot read the approved senders from the PostgreSQL state database ({PostgresConnectionText.Describe(connectionString)}): {ex.Message}", ex);
            }
        }
    }
}
