using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using DingGate.Cli.Gateway.Locking;
using DingGate.Cli.Tests.Support;
using DingGate.Core.Scheduling;
using DingGate.Core.Sessions;
using DingGate.Core.Storage;
using DingGate.Storage;
using DingGate.Storage.Postgres;
using Microsoft.Extensions.DependencyInjection;

namespace DingGate.Cli.Tests.Storage;

// dinggate storage migrate --to postgres: a SQLite state filled through the real stores, copied to a real PostgreSQL,
// read back through the PostgreSQL stores (every read equal to the same read on SQLite); and the refusals.
public sealed class StorageMigrateTests(PostgresServerFixture server) : IClassFixture<PostgresServerFixture>, IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);
    private static readonly SessionKey Dm = new("acc", "dm:user001");
    private static readonly SessionKey Group = new("acc", "group:cid-g");

    private readonly string _dir = Directory.CreateTempSubdirectory("dinggate-migrate-").FullName;

    private string StateDirectory => Path.Combine(_dir, "state");

    [Fact]
    public async Task Migrate_FilledSqliteState_EveryStoreReadsTheSameOnPostgres()
    {
        var config = WriteConfig();
        var connectionString = server.CreateDatabase();
        long[] outboxIds;
        string expected;
        await using (var sqlite = new ServiceCollection().AddSqliteStorage(StateDirectory).BuildServiceProvider())
        {
            outboxIds = await FillAsync(sqlite);
            expected = await SnapshotAsync(sqlite);
        }

        var (code, output, error) = await CliRun.RunAsync("storage", "migrate", "--to", "postgres", "--connection-string", connectionString, "--config", config);

        Assert.Equal((0, string.Empty), (code, error));
        Assert.Matches(@"inbound_journal\s+3\b", output);
        Assert.Matches(@"reply_outbox_parts\s+5\b", output);
        Assert.Matches(@"owner_approvals\s+2\b", output);
        await using var postgres = new ServiceCollection().AddPostgresStorage(connectionString).BuildServiceProvider();
        Assert.Equal(expected, await SnapshotAsync(postgres));
        Assert.False(await postgres.GetRequiredService<IDedupStore>().TryMarkSeenAsync("acc", "msg-1", T0, T0.AddDays(1), CancellationToken.None));
        Assert.False(await postgres.GetRequiredService<IApiUsageStore>().ClaimQuotaNoticeAsync("app:dingacc", 202612, 80, T0, CancellationToken.None));
        Assert.False(await postgres.GetRequiredService<IOwnerApprovalStore>().TryDecideAsync("acc", "DONE2345", OwnerDecision.Denied, "user009", T0, null, CancellationToken.None));
        var next = await postgres.GetRequiredService<IReplyOutbox>().AddAsync(Outbox("msg-new", 1), CancellationToken.None);
        Assert.True(next > outboxIds.Max(), $"outbox id {next} reuses a migrated id");
    }

    [Fact]
    public async Task Migrate_TargetHoldsState_RefusedNothingCopied_AndASecondRunIsRefusedToo()
    {
        var config = WriteConfig();
        var connectionString = server.CreateDatabase();
        await using (var sqlite = new ServiceCollection().AddSqliteStorage(StateDirectory).BuildServiceProvider())
        {
            await sqlite.GetRequiredService<IPairingStore>().ApproveAsync("acc", "user001", T0, CancellationToken.None);
        }

        var first = await CliRun.RunAsync("storage", "migrate", "--to", "postgres", "--connection-string", connectionString, "--config", config);
        var second = await CliRun.RunAsync("storage", "migrate", "--to", "postgres", "--connection-string", connectionString, "--config", config);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(1, second.ExitCode);
        Assert.Contains("already holds state (pairing_approved)", second.Error, StringComparison.Ordinal);
        Assert.Single(second.Error.Trim().Split('\n'));
        await using var postgres = new ServiceCollection().AddPostgresStorage(connectionString).BuildServiceProvider();
        Assert.Equal(["user001"], await postgres.GetRequiredService<IPairingStore>().ListApprovedAsync("acc", CancellationToken.None));
    }

    [Fact]
    public async Task Migrate_ConnectionStringFromConfig_Used()
    {
        var connectionString = server.CreateDatabase();
        var config = WriteConfig($"storage: {{ connectionString: \"{connectionString}\" }},");
        await using (var sqlite = new ServiceCollection().AddSqliteStorage(StateDirectory).BuildServiceProvider())
        {
            await sqlite.GetRequiredService<IPairingStore>().ApproveAsync("acc", "user001", T0, CancellationToken.None);
        }

        var (code, _, error) = await CliRun.RunAsync("storage", "migrate", "--to", "postgres", "--config", config);

        Assert.Equal((0, string.Empty), (code, error));
        await using var postgres = new ServiceCollection().AddPostgresStorage(connectionString).BuildServiceProvider();
        Assert.True(await postgres.GetRequiredService<IPairingStore>().IsApprovedAsync("acc", "user001", CancellationToken.None));
    }

    [Fact]
    public async Task Migrate_NoConnectionString_Exit78OneLine()
    {
        var config = WriteConfig();

        var (code, output, error) = await CliRun.RunAsync("storage", "migrate", "--to", "postgres", "--config", config);

        Assert.Equal(78, code);
        Assert.Equal(string.Empty, output);
        Assert.Equal(
            $"dinggate storage migrate: no PostgreSQL connection string: give --connection-string, or set storage.connectionString in {config}",
            error.Trim());
    }

    [Fact]
    public async Task Migrate_UnreachableServer_Exit1OneLineWithoutPasswordOrStackTrace()
    {
        var config = WriteConfig();
        await using (var sqlite = new ServiceCollection().AddSqliteStorage(StateDirectory).BuildServiceProvider())
        {
            await sqlite.GetRequiredService<IPairingStore>().ApproveAsync("acc", "user001", T0, CancellationToken.None);
        }

        var (code, output, error) = await CliRun.RunAsync(
            "storage", "migrate", "--to", "postgres", "--config", config,
            "--connection-string", $"Host=127.0.0.1;Port={ClosedPort()};Database=dinggate;Username=dg;Password=hunter2secret;Timeout=5");

        Assert.Equal(1, code);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith("dinggate storage migrate: the PostgreSQL database cannot be used, nothing was copied:", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
        Assert.DoesNotContain("hunter2secret", error, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_GatewayHoldsTheStateDirectory_Refused()
    {
        var config = WriteConfig();
        var connectionString = server.CreateDatabase();
        await using (var sqlite = new ServiceCollection().AddSqliteStorage(StateDirectory).BuildServiceProvider())
        {
            await sqlite.GetRequiredService<IPairingStore>().ApproveAsync("acc", "user001", T0, CancellationToken.None);
        }

        int code;
        string error;
        using (GatewayLock.Acquire(StateDirectory))
        {
            (code, _, error) = await CliRun.RunAsync("storage", "migrate", "--to", "postgres", "--connection-string", connectionString, "--config", config);
        }

        Assert.Equal(1, code);
        Assert.Contains("another gateway already runs on the state directory", error, StringComparison.Ordinal);
        Assert.Contains("stop it first", error, StringComparison.Ordinal);
        Assert.Null(await PostgresApprovedSenders.CountByAccountAsync(connectionString, CancellationToken.None));
    }

    [Fact]
    public async Task StateTables_EveryTableOfBothSchemas()
    {
        var connectionString = server.CreateDatabase();
        PostgresStateDatabase.EnsureSchema(connectionString);
        await using (var sqlite = new ServiceCollection().AddSqliteStorage(StateDirectory).BuildServiceProvider())
        {
            await sqlite.GetRequiredService<IPairingStore>().ListApprovedAsync("acc", CancellationToken.None);
        }

        await using var postgres = new Npgsql.NpgsqlConnection(connectionString);
        await postgres.OpenAsync();
        await using var sqliteFile = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + Path.Combine(StateDirectory, "dinggate.db"));
        await sqliteFile.OpenAsync();
        var known = Cli.Storage.StateTables.All.Select(t => t.Name).Concat(Cli.Storage.StateTables.NotCopied).ToList();

        // Every table of either schema is either copied or named as not state; a new table must be put in one list.
        var onPostgres = await Names(postgres, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_version'");
        var onSqlite = await Names(sqliteFile, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_version'");
        Assert.Empty(onPostgres.Except(known));
        Assert.Empty(onSqlite.Except(known));
        Assert.Empty(Cli.Storage.StateTables.All.Select(t => t.Name).Except(onPostgres));
        Assert.Empty(Cli.Storage.StateTables.All.Select(t => t.Name).Except(onSqlite));

        static async Task<List<string>> Names(System.Data.Common.DbConnection connection, string sql)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            var names = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                names.Add(reader.GetString(0));
            }

            return [.. names.Order(StringComparer.Ordinal)];
        }
    }

    [Fact]
    public async Task Migrate_NoSqliteState_Exit1()
    {
        var config = WriteConfig();

        var (code, _, error) = await CliRun.RunAsync("storage", "migrate", "--to", "postgres", "--connection-string", server.CreateDatabase(), "--config", config);

        Assert.Equal(1, code);
        Assert.Contains("nothing to migrate: there is no SQLite state at", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_OtherProvider_Exit2()
    {
        var (code, _, error) = await CliRun.RunAsync("storage", "migrate", "--to", "mysql", "--config", WriteConfig());

        Assert.Equal(2, code);
        Assert.Contains("mysql", error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static OutboxEntry Outbox(string key, int parts) => new()
    {
        AccountId = "acc",
        MessageKey = key,
        ConversationId = "cid-1",
        IsGroup = false,
        UserId = "user001",
        Webhook = "https://oapi.example/robot/sendBySession?session=s1",
        WebhookExpiresAt = T0.AddMinutes(90),
        Markdown = true,
        Parts = [.. Enumerable.Range(1, parts).Select(i => new OutboxPart($"报告 ({i}/{parts})", $"第 {i} 部分"))],
        CreatedAt = T0,
    };

    // Something in every table, through the stores (ids, states, NULLs and non-ASCII text included).
    private static async Task<long[]> FillAsync(IServiceProvider stores)
    {
        var ct = CancellationToken.None;
        var journal = stores.GetRequiredService<IInboundJournal>();
        for (var i = 1; i <= 3; i++)
        {
            await journal.AppendAsync(new InboundJournalEntry("acc", "msg-" + i, "/v1.0/im/bot/messages/get", $$"""{"text":"你好 {{i}}"}""", T0.AddSeconds(i)), ct);
        }

        await journal.MarkAsync("acc", "msg-1", InboundState.Answered, null, ct);
        await journal.MarkAsync("acc", "msg-2", InboundState.Failed, "model: HTTP 500", ct);
        await stores.GetRequiredService<IDedupStore>().TryMarkSeenAsync("acc", "msg-1", T0, T0.AddYears(5), ct);

        var pairing = stores.GetRequiredService<IPairingStore>();
        await pairing.AddPendingAsync(new PairingRequest("acc", "ABCD2345", "user007", "赵六", "cid-7", T0, T0.AddYears(5)), ct);
        await pairing.AddPendingAsync(new PairingRequest("acc", "WXYZ6789", "user008", "钱七", "cid-8", T0.AddMinutes(1), T0.AddYears(5)), ct);
        await pairing.ApproveAsync("acc", "Manager01", T0, ct);
        await pairing.ApproveAsync("acc", "user002", T0, ct);

        var cards = stores.GetRequiredService<IOpenCardStore>();
        await cards.AddAsync(new OpenCard { AccountId = "acc", OutTrackId = "track-1", ConversationId = "cid-1", MessageKey = "msg-3", CreatedAt = T0, UpdatedAt = T0 }, ct);
        await cards.MarkAsync("acc", "track-1", OpenCardState.Delivered, "半截回答", T0.AddSeconds(2), ct);
        await stores.GetRequiredService<IShownIndicatorStore>().AddAsync(new ShownIndicator
        {
            AccountId = "acc", MessageKey = "msg-3", ConversationId = "cid-1", MessageId = "m3", EmotionName = "思考中…",
            EmotionId = "2659900", BackgroundId = "im_bg_1", ShownAt = T0,
        }, ct);

        var sessions = stores.GetRequiredService<ISessionStore>();
        await sessions.AppendExchangeAsync(Dm, new SessionTurn(SessionTurn.User, "第一问", T0), new SessionTurn(SessionTurn.Assistant, "第一答", T0.AddSeconds(1)), 10, 20, ct);
        await sessions.AppendExchangeAsync(Dm, new SessionTurn(SessionTurn.User, "second", T0.AddMinutes(1)), new SessionTurn(SessionTurn.Assistant, "answer", T0.AddMinutes(1)), 30, 40, ct);
        await sessions.AppendExchangeAsync(Group, new SessionTurn(SessionTurn.User, "group q", T0), new SessionTurn(SessionTurn.Assistant, "group a", T0), 1, 2, ct);

        var usage = stores.GetRequiredService<IApiUsageStore>();
        await usage.AddAsync("acc", 202612, 1234, ct);
        await usage.AddBilledAsync("acc", 202612, 1000, ct);
        await usage.ClaimQuotaNoticeAsync("app:dingacc", 202612, 80, T0, ct);

        var outbox = stores.GetRequiredService<IReplyOutbox>();
        var dropped = await outbox.AddAsync(Outbox("msg-0", 1), ct);
        await outbox.DropAsync(dropped, T0, ct);
        var pending = await outbox.AddAsync(Outbox("msg-2", 2), ct);
        await outbox.RecordAttemptAsync(pending, new OutboxAttempt(T0, "openapi", "retry", "HTTP 503"), OutboxState.Pending, T0.AddSeconds(15), ct);
        await outbox.RecordAttemptAsync(pending, new OutboxAttempt(T0.AddSeconds(15), "webhook", "retry", null), OutboxState.Pending, T0.AddSeconds(45), ct);
        var sending = await outbox.AddAsync(Outbox("msg-3", 2), ct);
        await outbox.BeginPartAsync(sending, 0, T0, ct);
        await outbox.PartDeliveredAsync(sending, 0, T0, ct);

        var jobs = stores.GetRequiredService<IScheduledJobStore>();
        await jobs.AddAsync(new ScheduledJob
        {
            Id = "job-1", AccountId = "acc", Target = "user:user001", Creator = "user001", Kind = ScheduledJobKind.Message, Text = "喝水提醒",
            Cron = "0 9 * * *", TimeZone = "Asia/Shanghai", NextOccurrence = T0.AddHours(1), CreatedAt = T0,
        }, 10, ct);
        await jobs.AddAsync(new ScheduledJob
        {
            Id = "job-2", AccountId = "acc", Target = "group:cid-g", Creator = "user002", Kind = ScheduledJobKind.Message, Text = "once",
            At = T0.AddDays(1), TimeZone = "UTC", NextOccurrence = T0.AddDays(1), CreatedAt = T0,
        }, 10, ct);
        await jobs.ClaimAsync("job-1", T0.AddHours(1), T0.AddDays(1).AddHours(1), OccurrenceState.Claimed, false, null, T0.AddHours(1), ct);
        await jobs.BeginSendAsync("job-1", T0.AddHours(1), T0.AddHours(1), ct);
        await jobs.EndSendAsync("job-1", T0.AddHours(1), OccurrenceState.Sent, null, null, T0.AddHours(1).AddSeconds(1), ct);
        await jobs.ClaimAsync("job-1", T0.AddDays(1).AddHours(1), T0.AddDays(2).AddHours(1), OccurrenceState.Skipped, true, "late", T0.AddDays(1).AddHours(2), ct);
        await jobs.RemoveAsync("job-2", T0.AddMinutes(5), ct);

        var owners = stores.GetRequiredService<IOwnerApprovalStore>();
        foreach (var code in new[] { "ABCD2345", "DONE2345" })
        {
            await owners.AddAsync(new OwnerApproval
            {
                AccountId = "acc", Code = code, OutTrackId = "pairing_" + code, UserId = "user007", Nick = "赵六", CreatedAt = T0, ExpiresAt = T0.AddHours(1),
            }, ct);
        }

        await owners.MarkNotifiedAsync("acc", "DONE2345", "card", T0.AddSeconds(1), ct);
        await owners.TryDecideAsync("acc", "DONE2345", OwnerDecision.Approved, "user001", T0.AddSeconds(2), null, ct);
        return [dropped, pending, sending];
    }

    // Every read the stores offer over what FillAsync wrote, as JSON (records with lists compare by content).
    private static async Task<string> SnapshotAsync(IServiceProvider stores)
    {
        var ct = CancellationToken.None;
        var journal = stores.GetRequiredService<IInboundJournal>();
        var sessions = stores.GetRequiredService<ISessionStore>();
        var usage = stores.GetRequiredService<IApiUsageStore>();
        var jobs = stores.GetRequiredService<IScheduledJobStore>();
        var owners = stores.GetRequiredService<IOwnerApprovalStore>();
        var pairing = stores.GetRequiredService<IPairingStore>();
        var snapshot = new Dictionary<string, object?>
        {
            ["journal"] = await Task.WhenAll(new[] { "msg-1", "msg-2", "msg-3" }.Select(k => journal.FindAsync("acc", k, ct))),
            ["journalUnfinished"] = await journal.ListUnfinishedAsync("acc", ct),
            ["journalFailures"] = await journal.GetFailuresAsync("acc", ct),
            ["pending"] = await pairing.ListPendingAsync("acc", T0, ct),
            ["approved"] = await pairing.ListApprovedAsync("acc", ct),
            ["cards"] = await stores.GetRequiredService<IOpenCardStore>().ListAsync("acc", ct),
            ["indicators"] = await stores.GetRequiredService<IShownIndicatorStore>().ListAsync("acc", ct),
            ["dm"] = await sessions.LoadAsync(Dm, 100, 100_000, ct),
            ["dmStats"] = await sessions.GetStatsAsync(Dm, ct),
            ["group"] = await sessions.LoadAsync(Group, 100, 100_000, ct),
            ["calls"] = await usage.GetAsync("acc", 202612, ct),
            ["billed"] = await usage.GetBilledAsync("acc", 202612, ct),
            ["outbox"] = await stores.GetRequiredService<IReplyOutbox>().ListAsync(null, null, ct),
            ["outboxCounts"] = (await stores.GetRequiredService<IReplyOutbox>().CountAsync(null, ct)).OrderBy(p => p.Key).ToList(),
            ["jobs"] = await jobs.ListAsync(null, null, true, ct),
            ["occurrences"] = await jobs.ListOccurrencesAsync(null, 100, ct),
            ["owners"] = await Task.WhenAll(new[] { "ABCD2345", "DONE2345" }.Select(c => owners.FindAsync("acc", c, ct))),
        };
        return JsonSerializer.Serialize(snapshot, new JsonSerializerOptions { WriteIndented = true });
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private string WriteConfig(string extra = "")
    {
        var path = Path.Combine(_dir, "dinggate.json");
        File.WriteAllText(path, $$"""
            { {{extra}}
              channels: { dingtalk: { accounts: { acc: { clientId: "dingacc", clientSecret: "s-acc" } } } },
              gateway: { stateDir: "./state" } }
            """);
        return path;
    }
}
