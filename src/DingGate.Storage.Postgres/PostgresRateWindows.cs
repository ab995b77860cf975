using System.Collections.Concurrent;
using Dapper;
using DingGate.Core.Coordination;
using Npgsql;

namespace DingGate.Storage.Postgres;

// ISharedRateWindows without Redis (storage.provider postgres): a window of `limit` permits is `limit` rows of
// rate_slots, each holding when it was last taken. A take is one UPDATE that claims the slot taken longest ago, when
// that is at least one window ago (FOR UPDATE SKIP LOCKED: concurrent takers claim different slots), so at most `limit`
// takes fall in any window across every replica. Slower than Redis (a round trip and a row write per call). Times from
// the TimeProvider (microseconds), like Redis: hosts keep their clocks in sync. PostgreSQL out of reach: the call waits
// one window and asks again (the state database is down for everything else too).
internal sealed class PostgresRateWindows(PostgresDatabase database) : ISharedRateWindows
{
    private readonly ConcurrentDictionary<(string Key, int Limit), bool> _prepared = new();

    public async ValueTask<SharedWindowTake> TryTakeAsync(string key, int limit, TimeSpan window, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        try
        {
            await PrepareAsync(key, limit, cancellationToken);
            var now = Micros(database.TimeProvider.GetUtcNow());
            var windowMicros = window.Ticks / 10;
            await using var connection = await database.OpenConnectionAsync(cancellationToken);
            var taken = await connection.ExecuteScalarAsync<int?>(new CommandDefinition(
                """
                UPDATE rate_slots SET taken_at = @now
                WHERE key = @key AND slot = (
                    SELECT slot FROM rate_slots
                    WHERE key = @key AND slot < @limit AND taken_at <= @oldest
                    ORDER BY taken_at LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING slot;
                """,
                new { key, limit, now, oldest = now - windowMicros },
                cancellationToken: cancellationToken));
            if (taken is not null)
            {
                return SharedWindowTake.Taken;
            }

            var first = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                "SELECT min(taken_at) FROM rate_slots WHERE key = @key AND slot < @limit;", new { key, limit }, cancellationToken: cancellationToken));
            return SharedWindowTake.Wait(TimeSpan.FromTicks(Math.Clamp((first ?? now) + windowMicros - now, 0, windowMicros) * 10));
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            return SharedWindowTake.Wait(window);
        }
    }

    private static long Micros(DateTimeOffset at) => (at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    // The key's slots exist (once per key and limit in this process; a larger limit adds slots, a smaller one ignores
    // the slots above it).
    private async Task PrepareAsync(string key, int limit, CancellationToken cancellationToken)
    {
        if (_prepared.ContainsKey((key, limit)))
        {
            return;
        }

        await database.WriteAsync((connection, ct) => connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO rate_slots (key, slot, taken_at) SELECT @key, s, 0 FROM generate_series(0, @last) s ON CONFLICT DO NOTHING;",
            new { key, last = limit - 1 },
            cancellationToken: ct)), cancellationToken);
        _prepared[(key, limit)] = true;
    }
}
