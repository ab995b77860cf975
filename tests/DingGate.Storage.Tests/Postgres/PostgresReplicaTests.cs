using DingGate.Core.Scheduling;
using DingGate.Core.Sessions;
using DingGate.Core.Storage;
using DingGate.Storage.Tests.Contracts;

namespace DingGate.Storage.Tests.Postgres;

// Several gateway processes ("replicas") on one PostgreSQL database, each with its own data source (own pool): the
// read-then-write operations stay atomic across them, not just within one process.
[Collection(PostgresCollection.Name)]
public sealed class PostgresReplicaTests : IDisposable
{
    private const int Replicas = 4;
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private readonly PostgresBackend _backend;
    private readonly StoreSet[] _replicas;

    public PostgresReplicaTests(PostgresServer server)
    {
        _backend = new PostgresBackend(server, typeof(PostgresReplicaTests));
        _replicas = [.. Enumerable.Range(0, Replicas).Select(_ => _backend.Open())];
    }

    public void Dispose()
    {
        foreach (var replica in _replicas)
        {
            replica.Dispose();
        }

        _backend.Dispose();
    }

    [Fact]
    public async Task JournalAndDedup_SameMessageOnEveryReplica_ExactlyOneClaimsIt()
    {
        var entry = new InboundJournalEntry("acc", "msg-1", "/v1.0/im/bot/messages/get", "{}", T0);

        var marked = await ConcurrentStart.RunAsync(Replicas * 4, i => _replicas[i % Replicas].Dedup.TryMarkSeenAsync("acc", "msg-1", T0, T0.AddHours(1), CancellationToken.None));
        var appended = await ConcurrentStart.RunAsync(Replicas * 4, i => _replicas[i % Replicas].Journal.AppendAsync(entry, CancellationToken.None));

        Assert.Single(marked, m => m);
        Assert.Single(appended, a => a);
    }

    [Fact]
    public async Task OwnerApproval_AddedAndDecidedOnEveryReplica_OneRowOneDecision()
    {
        var approval = new OwnerApproval
        {
            AccountId = "acc", Code = "ABCD2345", OutTrackId = "pairing_ABCD2345", UserId = "u1", Nick = "张三", CreatedAt = T0, ExpiresAt = T0.AddHours(1),
        };

        var added = await ConcurrentStart.RunAsync(Replicas * 4, i => _replicas[i % Replicas].OwnerApprovals.AddAsync(approval, CancellationToken.None));
        var decided = await ConcurrentStart.RunAsync(Replicas * 4, i => _replicas[i % Replicas].OwnerApprovals.TryDecideAsync(
            "acc", "ABCD2345", i % 2 == 0 ? OwnerDecision.Approved : OwnerDecision.Denied, "owner" + i, T0.AddSeconds(i), "replica-" + (i % Replicas), CancellationToken.None));

        Assert.Single(added, a => a);
        var winner = Assert.Single(Enumerable.Range(0, decided.Length), i => decided[i]);
        var row = (await _replicas[0].OwnerApprovals.FindAsync("acc", "ABCD2345", CancellationToken.None))!;
        Assert.Equal(("owner" + winner, T0.AddSeconds(winner)), (row.DecidedBy, row.DecidedAt));
    }

    [Fact]
    public async Task ScheduledJob_OccurrenceClaimedByEveryReplica_FiresOnce()
    {
        var job = new ScheduledJob
        {
            Id = "job1", AccountId = "acc", Target = "user:u1", Creator = "u1", Kind = ScheduledJobKind.Message, Text = "喝水提醒",
            Cron = "*/5 * * * *", TimeZone = "Asia/Shanghai", NextOccurrence = T0.AddMinutes(5), CreatedAt = T0,
        };
        Assert.Equal(JobAddResult.Added, await _replicas[0].Jobs.AddAsync(job, 10, CancellationToken.None));

        var claims = await ConcurrentStart.RunAsync(Replicas * 4, i => _replicas[i % Replicas].Jobs.ClaimAsync(
            "job1", T0.AddMinutes(5), T0.AddMinutes(10), OccurrenceState.Claimed, false, null, T0.AddMinutes(5), CancellationToken.None));
        var sends = await ConcurrentStart.RunAsync(Replicas * 4, i => _replicas[i % Replicas].Jobs.BeginSendAsync(
            "job1", T0.AddMinutes(5), T0.AddMinutes(5), CancellationToken.None));

        Assert.Single(claims, c => c);
        Assert.Single(sends, s => s);
        Assert.Single(await _replicas[0].Jobs.ListOccurrencesAsync("job1", 10, CancellationToken.None));
        Assert.Equal(T0.AddMinutes(10), (await _replicas[1].Jobs.FindAsync("job1", CancellationToken.None))!.NextOccurrence);
    }

    [Fact]
    public async Task ScheduledJob_CapOfActiveJobsPerCreator_HoldsAcrossReplicas()
    {
        var results = await ConcurrentStart.RunAsync(Replicas * 4, i => _replicas[i % Replicas].Jobs.AddAsync(
            new ScheduledJob
            {
                Id = "job" + i, AccountId = "acc", Target = "user:u1", Creator = i % 2 == 0 ? "u1" : "U1", Kind = ScheduledJobKind.Message,
                Text = "t", At = T0.AddHours(1), TimeZone = "Asia/Shanghai", NextOccurrence = T0.AddHours(1), CreatedAt = T0,
            },
            3,
            CancellationToken.None));

        Assert.Equal(3, results.Count(r => r == JobAddResult.Added));
        Assert.Equal(3, (await _replicas[0].Jobs.ListAsync("acc", "u1", false, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Pairing_CapAcrossReplicas_NeverMoreThanTheCapPending()
    {
        var removed = await ConcurrentStart.RunAsync(Replicas * 5, i => _replicas[i % Replicas].Pairing.AddPendingAsync(
            new PairingRequest("acc", $"CODE{i:D4}", "u" + i, "Nick", "cid-" + i, T0.AddSeconds(i), T0.AddHours(1)), 5, CancellationToken.None));

        var pending = await _replicas[0].Pairing.ListPendingAsync("acc", T0, CancellationToken.None);
        Assert.Equal(5, pending.Count);
        Assert.Equal(Replicas * 5 - 5, removed.Sum(r => r.Count));
    }

    [Fact]
    public async Task Pairing_SameCodeTakenOnEveryReplica_OnlyOneGetsIt()
    {
        await _replicas[0].Pairing.AddPendingAsync(new PairingRequest("acc", "ABCD2345", "u1", "Nick", "cid", T0, T0.AddHours(1)), CancellationToken.None);

        var taken = await ConcurrentStart.RunAsync(Replicas * 2, i => _replicas[i % Replicas].Pairing.TakePendingAsync("acc", "abcd2345", T0, CancellationToken.None));

        Assert.Single(taken, t => t is not null);
    }

    [Fact]
    public async Task Outbox_AttemptsRecordedByEveryReplica_EachCountedWithItsOwnHistoryRow()
    {
        var id = await _replicas[0].Outbox.AddAsync(
            new OutboxEntry { AccountId = "acc", MessageKey = "msg-1", ConversationId = "cid", Parts = [new OutboxPart("t", "x")], CreatedAt = T0 },
            CancellationToken.None);

        await ConcurrentStart.RunAsync(Replicas * 4, async i =>
        {
            await _replicas[i % Replicas].Outbox.RecordAttemptAsync(
                id, new OutboxAttempt(T0.AddSeconds(i), "webhook", "retry", "e" + i), OutboxState.Pending, T0.AddMinutes(1), CancellationToken.None);
            return i;
        });

        var entry = await _replicas[1].Outbox.FindAsync(id, CancellationToken.None);
        Assert.Equal(Replicas * 4, entry!.Attempts);
        Assert.Equal(Replicas * 4, entry.History.Count);
    }

    [Fact]
    public async Task Outbox_PartBegunByEveryReplicaAfterADrop_NoneSends()
    {
        var id = await _replicas[0].Outbox.AddAsync(
            new OutboxEntry { AccountId = "acc", MessageKey = "msg-1", ConversationId = "cid", Parts = [new OutboxPart("t", "x")], CreatedAt = T0 },
            CancellationToken.None);
        Assert.True(await _replicas[2].Outbox.DropAsync(id, T0, CancellationToken.None));

        var begun = await ConcurrentStart.RunAsync(Replicas, i => _replicas[i].Outbox.BeginPartAsync(id, 0, T0, CancellationToken.None));

        Assert.All(begun, Assert.False);
    }

    [Fact]
    public async Task Journal_ExpiredEntriesClaimedByEveryReplicaAtOnce_EachClaimedOnce()
    {
        for (var i = 0; i < 40; i++)
        {
            await _replicas[0].Journal.AppendAsync(
                new InboundJournalEntry("acc", "msg-" + i, "/v1.0/im/bot/messages/get", "{}", T0.AddMilliseconds(i), LeaseOwner: "dead", LeaseUntil: T0),
                CancellationToken.None);
        }

        var now = T0.AddSeconds(1);
        var claims = await ConcurrentStart.RunAsync(Replicas * 3, i => _replicas[i % Replicas].Journal.ClaimExpiredAsync(
            "acc", "replica-" + i, now, now.AddSeconds(30), includeOwn: false, 5, CancellationToken.None));
        var singles = await ConcurrentStart.RunAsync(Replicas * 3, i => _replicas[i % Replicas].Journal.ClaimOneAsync(
            "acc", "msg-39", "late-" + i, now, now.AddSeconds(30), CancellationToken.None));

        var keys = claims.SelectMany(c => c.Select(e => e.MessageKey)).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.True(keys.Count <= 40);
        foreach (var (claimed, i) in claims.Select((c, i) => (c, i)))
        {
            foreach (var entry in claimed)
            {
                Assert.Equal("replica-" + i, (await _replicas[1].Journal.FindAsync("acc", entry.MessageKey, CancellationToken.None))!.LeaseOwner);
            }
        }

        Assert.True(singles.Count(s => s is not null) <= (keys.Contains("msg-39") ? 0 : 1));
    }

    [Fact]
    public async Task Outbox_DueEntriesClaimedByEveryReplicaAtOnce_EachClaimedOnce()
    {
        for (var i = 0; i < 20; i++)
        {
            var id = await _replicas[0].Outbox.AddAsync(
                new OutboxEntry { AccountId = "acc", MessageKey = "msg-" + i, ConversationId = "cid", Parts = [new OutboxPart("t", "x")], CreatedAt = T0, LeaseOwner = "dead", LeaseUntil = T0 },
                CancellationToken.None);
            await _replicas[0].Outbox.RecordAttemptAsync(id, new OutboxAttempt(T0, "webhook", "failed", null), OutboxState.Pending, T0, CancellationToken.None);
        }

        var now = T0.AddSeconds(1);
        var claims = await ConcurrentStart.RunAsync(Replicas * 3, i => _replicas[i % Replicas].Outbox.ClaimDueAsync(
            "acc", "replica-" + i, now, now.AddSeconds(30), 3, CancellationToken.None));

        var ids = claims.SelectMany(c => c.Select(e => e.Id)).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.NotEmpty(ids);
    }

    [Fact]
    public async Task Sessions_ExchangesAppendedByEveryReplica_OneHistoryInPairs()
    {
        var key = new SessionKey("acc", "dm:u1");

        await ConcurrentStart.RunAsync(Replicas * 5, async i =>
        {
            await _replicas[i % Replicas].Sessions.AppendExchangeAsync(
                key,
                new SessionTurn(SessionTurn.User, "q" + i, T0.AddSeconds(i)),
                new SessionTurn(SessionTurn.Assistant, "a" + i, T0.AddSeconds(i)),
                1,
                1,
                CancellationToken.None);
            return i;
        });

        var history = await _replicas[3].Sessions.LoadAsync(key, 1000, 1_000_000, CancellationToken.None);
        Assert.Equal(Replicas * 10, history.Count);
        for (var i = 0; i < history.Count; i += 2)
        {
            Assert.Equal("a" + history[i].Text[1..], history[i + 1].Text);
        }

        Assert.Equal(Replicas * 5L, (await _replicas[0].Sessions.GetStatsAsync(key, CancellationToken.None)).InputTokens);
    }
}
