using Dapper;
using DingGate.Core.Cluster;
using Npgsql;

namespace DingGate.Storage.Postgres;

// IStopRequests over stop_requests, signalled with LISTEN/NOTIFY on one channel: pg_notify runs in the transaction of
// the write it announces, so a signal is delivered only once the row is committed (a listener that reads or claims the
// row finds it). Claim and withdrawal are one conditional statement each: exactly one of them wins a request.
internal sealed class PostgresStopRequests(PostgresDatabase database) : IStopRequests
{
    /// <summary>The NOTIFY channel.</summary>
    public const string Channel = "dinggate_stop";

    /// <summary>How long an expired request is kept (what a replica honoured, for a look after the fact).</summary>
    private static readonly TimeSpan Kept = TimeSpan.FromHours(1);

    // A listener's connection is idle between signals: this often it checks the connection is still there.
    private static readonly TimeSpan ListenProbe = TimeSpan.FromSeconds(30);

    private const string Columns =
        "id AS Id, account_id AS AccountId, session_key AS SessionScope, requested_by AS RequestedBy, requested_at AS RequestedAt, expires_at AS ExpiresAt";

    public async Task RecordAsync(StopRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await database.WriteAsync(
            async (connection, ct) =>
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    """
                    DELETE FROM stop_requests WHERE expires_at < @purgeBefore;
                    INSERT INTO stop_requests (id, account_id, session_key, requested_by, requested_at, expires_at)
                    VALUES (@Id, @AccountId, @SessionScope, @RequestedBy, @requestedAt, @expiresAt);
                    SELECT pg_notify(@channel, @payload);
                    """,
                    new
                    {
                        request.Id, request.AccountId, request.SessionScope, request.RequestedBy,
                        requestedAt = request.RequestedAt.ToUnixTimeMilliseconds(), expiresAt = request.ExpiresAt.ToUnixTimeMilliseconds(),
                        purgeBefore = (request.RequestedAt - Kept).ToUnixTimeMilliseconds(),
                        channel = Channel, payload = StopSignalText.Requested(request),
                    },
                    cancellationToken: ct));
                return 0;
            },
            cancellationToken);
    }

    public Task<bool> HonourAsync(string id, string replicaId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentException.ThrowIfNullOrEmpty(replicaId);
        return database.WriteAsync(
            async (connection, ct) =>
            {
                var claimed = await connection.ExecuteAsync(new CommandDefinition(
                    """
                    UPDATE stop_requests SET honoured_by = @replicaId, honoured_at = @now
                    WHERE id = @id AND honoured_by IS NULL AND expires_at > @now;
                    """,
                    new { id, replicaId, now = now.ToUnixTimeMilliseconds() },
                    cancellationToken: ct));
                if (claimed == 1)
                {
                    await connection.ExecuteAsync(new CommandDefinition(
                        "SELECT pg_notify(@channel, @payload);", new { channel = Channel, payload = StopSignalText.Honoured(id) }, cancellationToken: ct));
                }

                return claimed == 1;
            },
            cancellationToken);
    }

    public async Task<bool> WithdrawAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var removed = await database.WriteAsync(
            (connection, ct) => connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM stop_requests WHERE id = @id AND honoured_by IS NULL;", new { id }, cancellationToken: ct)),
            cancellationToken);
        return removed == 1;
    }

    public async Task<IReadOnlyList<StopRequest>> ListOpenAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<StopRequestRow>(new CommandDefinition(
            $"SELECT {Columns} FROM stop_requests WHERE honoured_by IS NULL AND expires_at > @now ORDER BY requested_at;",
            new { now = now.ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToRequest())];
    }

    public async Task ListenAsync(Action<StopSignal> onSignal, Action onListening, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onSignal);
        ArgumentNullException.ThrowIfNull(onListening);
        // A pooled connection: returned to the pool, it is reset (UNLISTEN with the rest of the session state).
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        connection.Notification += OnNotification;
        try
        {
            await using (var listen = new NpgsqlCommand("LISTEN " + Channel + ";", connection))
            {
                await listen.ExecuteNonQueryAsync(cancellationToken);
            }

            onListening();
            while (!cancellationToken.IsCancellationRequested)
            {
                if (!await connection.WaitAsync(ListenProbe, cancellationToken))
                {
                    // Nothing for a while: a lost connection shows up as an exception here, and the caller listens again.
                    await using var probe = new NpgsqlCommand("SELECT 1;", connection);
                    await probe.ExecuteScalarAsync(cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            connection.Notification -= OnNotification;
        }

        void OnNotification(object sender, NpgsqlNotificationEventArgs e)
        {
            if (e.Channel == Channel && StopSignalText.TryParse(e.Payload, out var signal))
            {
                onSignal(signal);
            }
        }
    }
}
