using DingGate.Core.Configuration;
using DingGate.Core.Coordination;
using DingGate.DingTalk.Quota;
using DingGate.Storage.Postgres;
using DingGate.Coordination.Redis;
using DingGate.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using StackExchange.Redis;

namespace DingGate.DingTalk.Tests.Coordination;

/// <summary>
/// Two replicas' quota governors of one quota group, each counting its own billed calls, share one counter (a real
/// Redis, or the PostgreSQL fallback): after they sync, each sees the cluster's total and decides the step on it (80
/// of 100 warns though neither replica made 80 calls alone), and the shared counter holds the sum.
/// </summary>
public sealed class SharedQuotaCountTests
{
    private const int CallsA = 45;
    private const int CallsB = 40;

    [Fact]
    public async Task TwoReplicasCounting_SharedThroughRedis_EachSeesTheSumAndItsStep()
    {
        using var redis = RedisInstance.Start();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));
        await using var a = RedisCoordination.Connect(redis.ConnectionString, "replica-a", time, NullLogger.Instance);
        await using var b = RedisCoordination.Connect(redis.ConnectionString, "replica-b", time, NullLogger.Instance);

        var (governorA, governorB) = await CountAsync(time, new RedisCounters(a), new RedisCounters(b));

        var key = "dinggate:" + QuotaGovernor.SharedKey(DingTalkQuota.DefaultOrg, QuotaMonth.Of(time.GetUtcNow()));
        await using var reader = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        Assert.Equal(CallsA + CallsB, (long)await reader.GetDatabase().StringGetAsync(key));
        AssertBothSeeTheSum(governorA, governorB);
    }

    [Fact]
    public async Task TwoReplicasCounting_SharedThroughPostgres_EachSeesTheSumAndItsStep()
    {
        using var postgres = PostgresInstance.Start();
        var name = "t_" + Guid.NewGuid().ToString("N");
        await using (var admin = new NpgsqlConnection(postgres.AdminConnectionString))
        {
            await admin.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await command.ExecuteNonQueryAsync();
        }

        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));
        await using var a = PostgresDatabase.Open(postgres.ConnectionStringFor(name), time);
        await using var b = PostgresDatabase.Open(postgres.ConnectionStringFor(name), time);

        var (governorA, governorB) = await CountAsync(time, new PostgresCounters(a), new PostgresCounters(b));

        await using var connection = await a.OpenConnectionAsync(CancellationToken.None);
        await using var read = new NpgsqlCommand("SELECT value FROM shared_counters WHERE key = @key", connection);
        read.Parameters.AddWithValue("key", QuotaGovernor.SharedKey(DingTalkQuota.DefaultOrg, QuotaMonth.Of(time.GetUtcNow())));
        Assert.Equal((long)(CallsA + CallsB), (long)(await read.ExecuteScalarAsync())!);
        AssertBothSeeTheSum(governorA, governorB);
        NpgsqlConnection.ClearAllPools();
    }

    // Each replica counts its calls; A syncs, B syncs, A syncs again (to see B's).
    private static async Task<(QuotaGovernor A, QuotaGovernor B)> CountAsync(TimeProvider time, ISharedCounters sharedA, ISharedCounters sharedB)
    {
        var governorA = Governor(time, sharedA);
        var governorB = Governor(time, sharedB);
        await governorA.LoadAsync(CancellationToken.None);
        await governorB.LoadAsync(CancellationToken.None);
        for (var i = 0; i < CallsA; i++)
        {
            governorA.Record("default");
        }

        for (var i = 0; i < CallsB; i++)
        {
            governorB.Record("default");
        }

        Assert.Equal(QuotaStep.Normal, governorA.StepFor("default"));
        Assert.Equal(QuotaStep.Normal, governorB.StepFor("default"));
        await governorA.SyncAsync(CancellationToken.None);
        await governorB.SyncAsync(CancellationToken.None);
        await governorA.SyncAsync(CancellationToken.None);
        return (governorA, governorB);
    }

    private static void AssertBothSeeTheSum(QuotaGovernor a, QuotaGovernor b)
    {
        foreach (var governor in new[] { a, b })
        {
            Assert.Equal(CallsA + CallsB, Assert.Single(governor.Snapshot()).Used);
            Assert.Equal(QuotaStep.Warned, governor.StepFor("default"));
        }
    }

    private static QuotaGovernor Governor(TimeProvider time, ISharedCounters shared)
    {
        var settings = new DingTalkChannelSettings
        {
            ClientId = Support.DingTalkTestEmulator.ClientId,
            ClientSecret = "secret",
            Quota = new DingTalkQuotaSettings { MonthlyCalls = 100 },
        };
        return new QuotaGovernor(new DingTalkChannelOptions { Settings = settings }, time, NullLogger<QuotaGovernor>.Instance, shared: shared);
    }
}
