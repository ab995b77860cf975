using Dapper;
using DingGate.Core.Scheduling;
using Npgsql;

namespace DingGate.Storage.Postgres;

// IScheduledJobStore over scheduled_jobs and job_occurrences (PostgreSQL). The claim is one transaction: the job is
// moved to its next occurrence only if it still is active and due at that instant (a conditional UPDATE: a second
// replica claiming the same occurrence waits on the row, then finds it moved and gets false), and the occurrence row is
// inserted (its primary key (job, due instant) makes a second claim a no-op), so a claim is all or nothing and an
// occurrence fires once across replicas, crashes and restarts.
internal sealed class PostgresScheduledJobStore(PostgresDatabase database) : IScheduledJobStore
{
    private const string JobColumns =
        "id AS Id, account_id AS AccountId, target AS Target, creator AS Creator, kind AS Kind, text AS Text, at AS At, cron AS Cron, " +
        "time_zone AS TimeZone, next_occurrence AS NextOccurrence, state AS State, created_at AS CreatedAt";

    private const string OccurrenceColumns =
        "job_id AS JobId, due_at AS DueAt, state AS State, late AS Late, attempts AS Attempts, next_attempt_at AS NextAttemptAt, " +
        "detail AS Detail, updated_at AS UpdatedAt";

    public async Task<JobAddResult> AddAsync(ScheduledJob job, int maxActivePerCreator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxActivePerCreator, 1);
        return await database.WriteAsync(
            async (connection, ct) =>
            {
                // The cap counts then inserts: one adder per (account, creator) across replicas, until the commit.
                await connection.ExecuteAsync(new CommandDefinition(
                    "SELECT pg_advisory_xact_lock(hashtextextended('jobs:' || @AccountId || ':' || lower(@Creator), 0));",
                    new { job.AccountId, job.Creator },
                    cancellationToken: ct));
                var active = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    "SELECT COUNT(*) FROM scheduled_jobs WHERE account_id = @AccountId AND lower(creator) = lower(@Creator) AND state = @active;",
                    new { job.AccountId, job.Creator, active = (int)ScheduledJobState.Active },
                    cancellationToken: ct));
                if (active >= maxActivePerCreator)
                {
                    return JobAddResult.LimitReached;
                }

                var inserted = await connection.ExecuteAsync(new CommandDefinition(
                    """
                    INSERT INTO scheduled_jobs (id, account_id, target, creator, kind, text, at, cron, time_zone, next_occurrence, state, created_at, updated_at)
                    VALUES (@Id, @AccountId, @Target, @Creator, @Kind, @Text, @At, @Cron, @TimeZone, @NextOccurrence, @State, @CreatedAt, @CreatedAt)
                    ON CONFLICT (id) DO NOTHING;
                    """,
                    new
                    {
                        job.Id,
                        job.AccountId,
                        job.Target,
                        job.Creator,
                        Kind = (int)job.Kind,
                        job.Text,
                        At = job.At?.ToUnixTimeMilliseconds(),
                        job.Cron,
                        job.TimeZone,
                        NextOccurrence = job.NextOccurrence?.ToUnixTimeMilliseconds(),
                        State = (int)job.State,
                        CreatedAt = job.CreatedAt.ToUnixTimeMilliseconds(),
                    },
                    cancellationToken: ct));
                return inserted == 1 ? JobAddResult.Added : JobAddResult.IdTaken;
            },
            cancellationToken);
    }

    public async Task<ScheduledJob?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var rows = await QueryJobsAsync(connection, "id = @id", new { id }, cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task<IReadOnlyList<ScheduledJob>> ListAsync(string? accountId, string? creator, bool includeRemoved, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await QueryJobsAsync(
            connection,
            "(@accountId IS NULL OR account_id = @accountId) AND (@creator IS NULL OR lower(creator) = lower(@creator)) AND (@includeRemoved = 1 OR state <> @removed)",
            new { accountId, creator, includeRemoved = includeRemoved ? 1 : 0, removed = (int)ScheduledJobState.Removed },
            cancellationToken);
    }

    public async Task<bool> RemoveAsync(string id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var changed = await database.WriteAsync((connection, ct) => connection.ExecuteAsync(new CommandDefinition(
            "UPDATE scheduled_jobs SET state = @removed, next_occurrence = NULL, updated_at = @at WHERE id = @id AND state <> @removed;",
            new { id, removed = (int)ScheduledJobState.Removed, at = now.ToUnixTimeMilliseconds() },
            cancellationToken: ct)), cancellationToken);
        return changed == 1;
    }

    public async Task<IReadOnlyList<ScheduledJob>> ListDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await QueryJobsAsync(
            connection,
            "state = @active AND next_occurrence IS NOT NULL AND next_occurrence <= @now",
            new { active = (int)ScheduledJobState.Active, now = now.ToUnixTimeMilliseconds() },
            cancellationToken);
    }

    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var next = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            SELECT MIN(t) FROM (
                SELECT MIN(next_occurrence) AS t FROM scheduled_jobs WHERE state = @active AND next_occurrence IS NOT NULL
                UNION ALL
                SELECT MIN(next_attempt_at) AS t FROM job_occurrences WHERE state = @claimed AND next_attempt_at IS NOT NULL) AS due;
            """,
            new { active = (int)ScheduledJobState.Active, claimed = (int)OccurrenceState.Claimed },
            cancellationToken: cancellationToken));
        return next is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
    }

    public async Task<bool> ClaimAsync(
        string jobId, DateTimeOffset dueAt, DateTimeOffset? next, OccurrenceState state, bool late, string? detail, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (state is not (OccurrenceState.Claimed or OccurrenceState.Skipped))
        {
            throw new ArgumentOutOfRangeException(nameof(state), state, "An occurrence is claimed to be sent or skipped.");
        }

        var args = new
        {
            jobId,
            due = dueAt.ToUnixTimeMilliseconds(),
            next = next?.ToUnixTimeMilliseconds(),
            state = (int)state,
            late = late ? 1 : 0,
            detail,
            at = now.ToUnixTimeMilliseconds(),
            active = (int)ScheduledJobState.Active,
            completed = (int)ScheduledJobState.Completed,
        };
        return await database.WriteAsync(
            async (connection, ct) =>
            {
                var moved = await connection.ExecuteAsync(new CommandDefinition(
                    """
                    UPDATE scheduled_jobs SET next_occurrence = @next, state = CASE WHEN @next IS NULL THEN @completed ELSE state END, updated_at = @at
                    WHERE id = @jobId AND state = @active AND next_occurrence = @due;
                    """,
                    args,
                    cancellationToken: ct));
                if (moved != 1)
                {
                    return false;
                }

                var inserted = await connection.ExecuteAsync(new CommandDefinition(
                    """
                    INSERT INTO job_occurrences (job_id, due_at, state, late, attempts, next_attempt_at, detail, claimed_at, updated_at)
                    VALUES (@jobId, @due, @state, @late, 0, CASE WHEN @state = 0 THEN @at ELSE NULL END, @detail, @at, @at)
                    ON CONFLICT (job_id, due_at) DO NOTHING;
                    """,
                    args,
                    cancellationToken: ct));
                return inserted == 1;
            },
            cancellationToken);
    }

    public async Task<IReadOnlyList<JobOccurrence>> ListClaimedAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await QueryOccurrencesAsync(
            connection,
            "state = @claimed AND next_attempt_at <= @now ORDER BY next_attempt_at, due_at",
            new { claimed = (int)OccurrenceState.Claimed, now = now.ToUnixTimeMilliseconds() },
            cancellationToken);
    }

    public async Task<IReadOnlyList<JobOccurrence>> ListOccurrencesAsync(string? jobId, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await QueryOccurrencesAsync(
            connection, "(@jobId IS NULL OR job_id = @jobId) ORDER BY due_at DESC, job_id LIMIT @limit", new { jobId, limit }, cancellationToken);
    }

    public async Task<bool> BeginSendAsync(string jobId, DateTimeOffset dueAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var changed = await database.WriteAsync((connection, ct) => connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE job_occurrences SET state = @sending, attempts = attempts + 1, next_attempt_at = NULL, updated_at = @at
            WHERE job_id = @jobId AND due_at = @due AND state = @claimed;
            """,
            new
            {
                jobId, due = dueAt.ToUnixTimeMilliseconds(), at = now.ToUnixTimeMilliseconds(),
                sending = (int)OccurrenceState.Sending, claimed = (int)OccurrenceState.Claimed,
            },
            cancellationToken: ct)), cancellationToken);
        return changed == 1;
    }

    public async Task EndSendAsync(
        string jobId, DateTimeOffset dueAt, OccurrenceState state, DateTimeOffset? nextAttemptAt, string? detail, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (state is not (OccurrenceState.Sent or OccurrenceState.Failed or OccurrenceState.Claimed))
        {
            throw new ArgumentOutOfRangeException(nameof(state), state, "An attempt ends sent, failed or claimed again for a retry.");
        }

        if (state == OccurrenceState.Claimed && nextAttemptAt is null)
        {
            throw new ArgumentException("A retry needs its time.", nameof(nextAttemptAt));
        }

        await database.WriteAsync((connection, ct) => connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE job_occurrences SET state = @state, next_attempt_at = @next, detail = COALESCE(@detail, detail), updated_at = @at
            WHERE job_id = @jobId AND due_at = @due AND state = @sending;
            """,
            new
            {
                jobId, due = dueAt.ToUnixTimeMilliseconds(), state = (int)state, next = nextAttemptAt?.ToUnixTimeMilliseconds(), detail,
                at = now.ToUnixTimeMilliseconds(), sending = (int)OccurrenceState.Sending,
            },
            cancellationToken: ct)), cancellationToken);
    }

    public async Task<IReadOnlyList<JobOccurrence>> RecoverInterruptedAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        return await database.WriteAsync(
            async (connection, ct) =>
            {
                var args = new { sending = (int)OccurrenceState.Sending, ambiguous = (int)OccurrenceState.Ambiguous, at = now.ToUnixTimeMilliseconds() };
                var interrupted = await QueryOccurrencesAsync(connection, "state = @sending ORDER BY due_at FOR UPDATE", args, ct);
                await connection.ExecuteAsync(new CommandDefinition(
                    """
                    UPDATE job_occurrences SET state = @ambiguous, next_attempt_at = NULL, updated_at = @at,
                        detail = 'the process ended while the send was in flight; DingTalk may or may not have received it'
                    WHERE state = @sending;
                    """,
                    args,
                    cancellationToken: ct));
                return (IReadOnlyList<JobOccurrence>)[.. interrupted.Select(o => o with { State = OccurrenceState.Ambiguous })];
            },
            cancellationToken);
    }

    private static async Task<IReadOnlyList<ScheduledJob>> QueryJobsAsync(NpgsqlConnection connection, string where, object args, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<ScheduledJobRow>(new CommandDefinition(
            $"SELECT {JobColumns} FROM scheduled_jobs WHERE {where} ORDER BY created_at, seq;", args, cancellationToken: cancellationToken));
        return [.. rows.Select(ToJob)];
    }

    private static async Task<IReadOnlyList<JobOccurrence>> QueryOccurrencesAsync(NpgsqlConnection connection, string whereAndOrder, object args, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<JobOccurrenceRow>(new CommandDefinition(
            $"SELECT {OccurrenceColumns} FROM job_occurrences WHERE {whereAndOrder};", args, cancellationToken: cancellationToken));
        return [.. rows.Select(ToOccurrence)];
    }

    private static ScheduledJob ToJob(ScheduledJobRow row) => new()
    {
        Id = row.Id,
        AccountId = row.AccountId,
        Target = row.Target,
        Creator = row.Creator,
        Kind = (ScheduledJobKind)row.Kind,
        Text = row.Text,
        At = row.At is { } at ? DateTimeOffset.FromUnixTimeMilliseconds(at) : null,
        Cron = row.Cron,
        TimeZone = row.TimeZone,
        NextOccurrence = row.NextOccurrence is { } n ? DateTimeOffset.FromUnixTimeMilliseconds(n) : null,
        State = (ScheduledJobState)row.State,
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(row.CreatedAt),
    };

    private static JobOccurrence ToOccurrence(JobOccurrenceRow row) => new(
        row.JobId,
        DateTimeOffset.FromUnixTimeMilliseconds(row.DueAt),
        (OccurrenceState)row.State,
        row.Late != 0,
        (int)row.Attempts,
        row.NextAttemptAt is { } n ? DateTimeOffset.FromUnixTimeMilliseconds(n) : null,
        row.Detail,
        DateTimeOffset.FromUnixTimeMilliseconds(row.UpdatedAt));
}
