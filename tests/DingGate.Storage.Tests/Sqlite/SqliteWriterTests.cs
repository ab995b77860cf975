using System.Globalization;
using Dapper;
using DingGate.Core.Sessions;
using DingGate.Core.Storage;
using DingGate.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace DingGate.Storage.Tests.Sqlite;

// Issue 14, item 5: every write of the process goes through one writer (one connection, batches in one BEGIN IMMEDIATE
// transaction, a savepoint per item), so in-process writers never wait for each other in SQLite's busy handler.
public sealed class SqliteWriterTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    private readonly TempStateDirectory _directory = new();
    private readonly FakeTimeProvider _time = new(T0);

    public void Dispose() => _directory.Dispose();

    // 32 accounts x 200 appends, each followed by its two marks, plus a dedup mark per message and a session exchange
    // every 10th, all from parallel threads, with the busy timeout at 0: a write of this process that found the lock
    // taken would not sleep in SQLite's busy handler at all. Every write must land on the writer's one connection
    // (its total_changes() counts every row changed in the run), no call fails, and each account's rows keep its order.
    [Fact]
    public async Task ManyAccounts_ConcurrentAppendsMarksAndSessions_AllOnTheOneWriterConnectionAndOrderedPerAccount()
    {
        const int Accounts = 32;
        const int Messages = 200;
        const int InFlight = 8;
        using var database = SqliteDatabase.Open(_directory.Path, _time, new SqliteDatabaseOptions { BusyTimeoutMilliseconds = 0 });
        var journal = new SqliteInboundJournal(database);
        var dedup = new SqliteDedupStore(database);
        var sessions = new SqliteSessionStore(database);
        var changesBefore = await TotalChangesOnWriterAsync(database);

        await ConcurrentStart.RunAsync(Accounts, async a =>
        {
            var account = Account(a);
            var pending = new List<Task>();
            for (var i = 0; i < Messages; i++)
            {
                // Submitted in order without waiting for the previous one: the writer's queue must keep that order.
                pending.Add(AnswerAsync(account, Key(i)));
                if (i % 10 == 0)
                {
                    pending.Add(sessions.AppendExchangeAsync(
                        new SessionKey(account, "dm"), new SessionTurn(SessionTurn.User, "q" + Key(i), T0), new SessionTurn(SessionTurn.Assistant, "a", T0), 1, 1, CancellationToken.None));
                }

                if (pending.Count >= InFlight)
                {
                    await Task.WhenAll(pending);
                    pending.Clear();
                    await journal.ListUnfinishedAsync(account, CancellationToken.None); // reads run beside the writer
                }
            }

            await Task.WhenAll(pending);
            return 0;
        });

        // appends + 2 marks + dedup marks per message; 2 messages + 1 usage upsert per exchange.
        const long Expected = (long)Accounts * Messages * 4 + (long)Accounts * (Messages / 10) * 3;
        Assert.Equal(Expected, await TotalChangesOnWriterAsync(database) - changesBefore);
        await using var read = await database.OpenConnectionAsync(CancellationToken.None);
        for (var a = 0; a < Accounts; a++)
        {
            var account = Account(a);
            var keys = await read.QueryAsync<string>(
                "SELECT message_key FROM inbound_journal WHERE account_id = @account ORDER BY rowid;", new { account });
            Assert.Equal(Enumerable.Range(0, Messages).Select(Key), keys);
            var asked = await read.QueryAsync<string>(
                "SELECT text FROM session_messages WHERE account_id = @account AND role = 'user' ORDER BY seq;", new { account });
            Assert.Equal(Enumerable.Range(0, Messages).Where(i => i % 10 == 0).Select(i => "q" + Key(i)), asked);
            Assert.Empty(await journal.ListUnfinishedAsync(account, CancellationToken.None));
        }

        Assert.Equal(0, await read.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM inbound_journal WHERE attempts <> 1;"));

        async Task AnswerAsync(string account, string key)
        {
            var appended = journal.AppendAsync(new InboundJournalEntry(account, key, "/v1.0/im/bot/messages/get", "{}", T0), CancellationToken.None);
            var marked = dedup.TryMarkSeenAsync(account, key, T0, T0.AddHours(1), CancellationToken.None);
            Assert.True(await appended);
            Assert.True(await marked);
            await journal.MarkAsync(account, key, InboundState.Processing, null, CancellationToken.None);
            await journal.MarkAsync(account, key, InboundState.Answered, null, CancellationToken.None);
        }
    }

    // One batch: A (ok), B (a pairing code collision whose first statement already deleted an expired row), C (ok).
    // B fails alone and its savepoint undoes its delete; A and C commit in the same transaction.
    [Fact]
    public async Task FailingItem_FailsOnlyItsCaller_TheRestOfItsBatchCommits()
    {
        using var database = _directory.Open(_time);
        var journal = new SqliteInboundJournal(database);
        var pairing = new SqlitePairingStore(database);
        await pairing.AddPendingAsync(Request("TAKEN", "u1", T0, T0.AddHours(1)), CancellationToken.None);
        await pairing.AddPendingAsync(Request("OLD", "u-old", T0.AddHours(-2), T0.AddHours(-1)), CancellationToken.None);
        var (gate, release) = await HoldWriterAsync(database);
        var batches = database.Writer.BatchesCommitted;

        var a = journal.AppendAsync(Entry("acc", "a"), CancellationToken.None);
        var b = pairing.AddPendingAsync(Request("TAKEN", "u2", T0, T0.AddHours(1)), CancellationToken.None);
        var c = journal.AppendAsync(Entry("acc", "c"), CancellationToken.None);
        Assert.Equal(3, database.Writer.Queued);
        release.SetResult();
        await gate;

        Assert.True(await a);
        Assert.True(await c);
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => b);
        Assert.Contains("already pending", failure.Message, StringComparison.Ordinal);
        Assert.Equal(batches + 2, database.Writer.BatchesCommitted); // the gate's batch, then A+B+C in one
        await using var read = await database.OpenConnectionAsync(CancellationToken.None);
        Assert.Equal(2, await read.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM inbound_journal;"));
        Assert.Equal(
            ["OLD", "TAKEN"],
            await read.QueryAsync<string>("SELECT code FROM pairing_pending ORDER BY code;")); // B's delete rolled back
    }

    // The crash window: a write's caller resumes only once its batch is committed. While the batch is open its row is
    // not in the file for any other connection and the caller is still waiting; after completion a new connection sees it.
    [Fact]
    public async Task Append_CallerResumesOnlyAfterItsBatchCommitted()
    {
        using var database = _directory.Open(_time);
        var journal = new SqliteInboundJournal(database);
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = database.WriteDurablyAsync(
            async (connection, ct) =>
            {
                var rows = await connection.ExecuteAsync(
                    "INSERT INTO inbound_journal (account_id, message_key, topic, payload, received_at, state, attempts, updated_at) VALUES ('acc', 'in-batch', 't', '{}', 0, 0, 0, 0);");
                written.SetResult();
                await release.Task;
                return rows;
            },
            CancellationToken.None);
        await written.Task;
        var second = journal.AppendAsync(Entry("acc", "queued"), CancellationToken.None);

        Assert.Equal(0, await CountInFileAsync("in-batch"));
        Assert.False(first.IsCompleted);
        Assert.False(second.IsCompleted);
        release.SetResult();
        await first;
        Assert.Equal(1, await CountInFileAsync("in-batch"));

        // Many concurrent appends, batched together: each one is in the file the moment its own call returns.
        var seen = await ConcurrentStart.RunAsync(48, async i =>
        {
            var key = "k" + i.ToString(CultureInfo.InvariantCulture);
            Assert.True(await journal.AppendAsync(Entry("acc-" + (i % 6).ToString(CultureInfo.InvariantCulture), key), CancellationToken.None));
            return await CountInFileAsync(key);
        });
        Assert.All(seen, count => Assert.Equal(1, count));
        Assert.True(await second);
    }

    // Group commit: one durable item makes its whole batch commit with synchronous=FULL (one fsync for all of it); a
    // batch of NORMAL items commits with NORMAL. The probe reads the level its own batch runs with.
    [Fact]
    public async Task DurableAppend_MakesItsBatchFull_OtherBatchesNormal()
    {
        using var database = _directory.Open(_time);
        var journal = new SqliteInboundJournal(database);
        var (gate, release) = await HoldWriterAsync(database);

        var append = journal.AppendAsync(Entry("acc", "durable"), CancellationToken.None);
        var withAppend = database.WriteAsync(SynchronousAsync, CancellationToken.None);
        release.SetResult();
        await gate;
        await append;

        Assert.Equal(2, await withAppend); // FULL, shared with the append's batch
        Assert.Equal(1, await database.WriteAsync(SynchronousAsync, CancellationToken.None)); // NORMAL
        Assert.Equal(1, await ReadSynchronousAsync(database)); // read connections keep NORMAL

        static Task<long> SynchronousAsync(SqliteConnection connection, CancellationToken ct) =>
            connection.ExecuteScalarAsync<long>(new CommandDefinition("PRAGMA synchronous;", cancellationToken: ct));
    }

    // Bounded: with the queue full a caller waits for room (back-pressure) and can give up; what it gave up is never written.
    [Fact]
    public async Task QueueFull_CallerWaitsForRoom_AndMayCancelWithoutWriting()
    {
        using var database = SqliteDatabase.Open(_directory.Path, _time, new SqliteDatabaseOptions { WriteQueueCapacity = 2, MaxBatchItems = 2 });
        var journal = new SqliteInboundJournal(database);
        var (gate, release) = await HoldWriterAsync(database);
        var queued = new[]
        {
            journal.AppendAsync(Entry("acc", "q1"), CancellationToken.None),
            journal.AppendAsync(Entry("acc", "q2"), CancellationToken.None),
        };
        using var giveUp = new CancellationTokenSource();

        var waiting = journal.AppendAsync(Entry("acc", "over"), giveUp.Token);

        Assert.Equal(2, database.Writer.Queued);
        Assert.False(waiting.IsCompleted);
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        var afterRoom = journal.AppendAsync(Entry("acc", "q3"), CancellationToken.None);
        release.SetResult();
        await gate;
        Assert.All(await Task.WhenAll(queued), Assert.True);
        Assert.True(await afterRoom);
        Assert.Equal(0, await CountInFileAsync("over"));
        Assert.Equal(1, await CountInFileAsync("q3"));
    }

    // Another process (a CLI verb) holding the write lock: the writer still waits for it (busy_timeout) and then commits.
    [Fact]
    public async Task OtherProcessHoldsTheLock_WriterWaitsForItThenCommits()
    {
        using var database = _directory.Open(_time);
        var journal = new SqliteInboundJournal(database);
        await using var other = new SqliteConnection($"Data Source={_directory.DatabaseFile};Pooling=False");
        await other.OpenAsync();
        await other.ExecuteAsync("BEGIN IMMEDIATE; INSERT INTO api_usage (account_id, month, calls) VALUES ('cli', 202612, 1);");

        var append = journal.AppendAsync(Entry("acc", "while-locked"), CancellationToken.None);
        await Task.Delay(TimeSpan.FromMilliseconds(300)); // let the writer reach the lock (it cannot commit before COMMIT below)
        Assert.False(append.IsCompleted);
        await other.ExecuteAsync("COMMIT;");

        Assert.True(await append);
        Assert.Equal(1, await CountInFileAsync("while-locked"));
    }

    // Stop drains: what is queued when the database is disposed still commits; later writes are refused.
    [Fact]
    public async Task Dispose_DrainsQueuedWrites_ThenRefusesNewOnes()
    {
        var database = _directory.Open(_time);
        var journal = new SqliteInboundJournal(database);
        var (gate, release) = await HoldWriterAsync(database);
        var queued = Enumerable.Range(0, 5).Select(i => journal.AppendAsync(Entry("acc", "d" + i.ToString(CultureInfo.InvariantCulture)), CancellationToken.None)).ToArray();

        var disposing = database.DisposeAsync().AsTask();
        Assert.False(disposing.IsCompleted);
        release.SetResult();
        await disposing;

        await gate;
        Assert.All(await Task.WhenAll(queued), Assert.True);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => journal.AppendAsync(Entry("acc", "late"), CancellationToken.None));
        Assert.Equal(5, await CountAllInFileAsync());
    }

    private static string Account(int a) => "acc-" + a.ToString("D2", CultureInfo.InvariantCulture);

    private static string Key(int i) => "m" + i.ToString("D3", CultureInfo.InvariantCulture);

    private static InboundJournalEntry Entry(string account, string key) => new(account, key, "/v1.0/im/bot/messages/get", "{}", T0);

    private static PairingRequest Request(string code, string user, DateTimeOffset created, DateTimeOffset expires) =>
        new("acc", code, user, "nick", "cid", created, expires);

    // Blocks the writer with one item until `release` is set: what is queued meanwhile runs as the next batch.
    private static async Task<(Task<int> Gate, TaskCompletionSource Release)> HoldWriterAsync(SqliteDatabase database)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = database.WriteAsync(
            async (_, _) =>
            {
                started.SetResult();
                await release.Task;
                return 0;
            },
            CancellationToken.None);
        await started.Task;
        return (gate, release);
    }

    private static Task<long> TotalChangesOnWriterAsync(SqliteDatabase database) =>
        database.WriteAsync((connection, ct) => connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT total_changes();", cancellationToken: ct)), CancellationToken.None);

    private static async Task<long> ReadSynchronousAsync(SqliteDatabase database)
    {
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>("PRAGMA synchronous;");
    }

    // A connection of its own (not pooled, read-only): what another process would find in the file.
    private async Task<long> CountInFileAsync(string key)
    {
        await using var fresh = new SqliteConnection($"Data Source={_directory.DatabaseFile};Mode=ReadOnly;Pooling=False");
        await fresh.OpenAsync();
        return await fresh.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM inbound_journal WHERE message_key = @key;", new { key });
    }

    private async Task<long> CountAllInFileAsync()
    {
        await using var fresh = new SqliteConnection($"Data Source={_directory.DatabaseFile};Mode=ReadOnly;Pooling=False");
        await fresh.OpenAsync();
        return await fresh.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM inbound_journal;");
    }
}
