using Dapper;
using DingGate.Core.Storage;
using Npgsql;

namespace DingGate.Storage.Postgres;

// What a refused BeginLeasedPartAsync leaves (issue 17, fencing), in its transaction. An entry the caller still owns is
// handed over rather than kept: its lease is set to have run out (the renewal never revives it) so the next takeover
// round of any replica settles it and one replica sends it; an interim (non-final) entry whose message another replica
// holds is dropped instead (the new owner answers the message itself). When the caller still holds the message, its
// journal entry is released too (the caller abandons the turn), so a takeover closes it from the outbox (a final
// answer) or answers it again.
internal static class OutboxLeaseHandover
{
    public const string DroppedReason = "not sent: another replica took the message over";

    // The message's journal entry is unfinished and another replica holds it.
    public static string MessageTakenSql(string alias) =>
        $"""
        EXISTS (SELECT 1 FROM inbound_journal j
                WHERE j.account_id = {alias}.account_id AND j.message_key = {alias}.message_key AND j.state IN (0, 1)
                  AND j.lease_owner IS NOT NULL AND j.lease_owner <> @owner)
        """;

    public static async Task<OutboxPartStart> RefuseAsync(NpgsqlConnection connection, long id, string owner, DateTimeOffset at, CancellationToken ct)
    {
        var row = await connection.QuerySingleOrDefaultAsync<RefusedRow>(new CommandDefinition(
            $"""
            SELECT o.state AS State, o.final AS Final, o.lease_owner AS LeaseOwner, o.account_id AS AccountId, o.message_key AS MessageKey,
                   {MessageTakenSql("o")} AS Taken
            FROM reply_outbox o WHERE o.id = @id FOR UPDATE;
            """,
            new { id, owner },
            cancellationToken: ct));
        // Delivered by the replica that took it over counts as taken (the caller abandons its turn and releases the message).
        if (row is null || row.State == (long)OutboxState.Dropped || (row.State == (long)OutboxState.Delivered && row.LeaseOwner == owner))
        {
            return OutboxPartStart.Gone;
        }

        var args = new
        {
            id, owner, at = at.ToUnixTimeMilliseconds(), dropped = (int)OutboxState.Dropped, reason = DroppedReason, row.AccountId, row.MessageKey,
        };
        if (row.LeaseOwner == owner && row.State != (long)OutboxState.Delivered)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                row.Final == 1 || !row.Taken
                    ? "UPDATE reply_outbox SET lease_until = 0, in_flight_part = NULL, updated_at = @at WHERE id = @id;"
                    : "UPDATE reply_outbox SET state = @dropped, in_flight_part = NULL, next_attempt_at = NULL, lease_until = 0, last_error = @reason, updated_at = @at WHERE id = @id;",
                args,
                cancellationToken: ct));
        }

        // The caller abandons its turn: a message it still holds would stay unfinished (renewed) while it lives.
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE inbound_journal SET lease_owner = NULL, lease_until = NULL
            WHERE account_id = @AccountId AND message_key = @MessageKey AND state IN (0, 1) AND lease_owner = @owner;
            """,
            args,
            cancellationToken: ct));
        return OutboxPartStart.LeaseLost;
    }

    private sealed class RefusedRow
    {
        public long State { get; init; }

        public long Final { get; init; }

        public string? LeaseOwner { get; init; }

        public string AccountId { get; init; } = string.Empty;

        public string MessageKey { get; init; } = string.Empty;

        public bool Taken { get; init; }
    }
}
