using DingGate.Core.Coordination;
using DingGate.Core.Replies;
using DingGate.DingTalk.Api;
using DingGate.DingTalk.Replies.Sending;
using DingGate.DingTalk.Tests.Support;
using DingGate.Storage.Postgres;
using DingGate.Coordination.Redis;
using DingGate.Tests.Shared;
using Npgsql;

namespace DingGate.DingTalk.Tests.Coordination;

/// <summary>
/// Two replicas of one app (two <see cref="DingTalkApiClient"/> stacks, each with its own connection to the shared
/// store, as two processes have) send a burst over the app's QPS against the emulator, which answers 403 to a call over
/// 20 in any sliding second. Shared through a real Redis or a real PostgreSQL, the emulator records no 403; each on its
/// own, it records some. Redis killed mid-burst: the calls go on under each replica's local share, logged, still no 403.
/// Asserted on the recorded traffic, on the fake clock.
/// </summary>
public sealed class SharedLimitsTests
{
    private const string OtoPath = "/v1.0/robot/oToMessages/batchSend";
    private const int PerReplica = 30;
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(20);

    [Fact]
    public async Task TwoReplicasBurstOverTheAppQps_SharedThroughRedis_NoThrottledCall()
    {
        using var redis = RedisInstance.Start();
        await using var emu = await DingTalkTestEmulator.StartAsync(o => o.QpsSlidingWindow = true);
        await using var a = RedisCoordination.Connect(redis.ConnectionString, "replica-a", emu.Time, new RecordingLogger<RedisCoordination>());
        await using var b = RedisCoordination.Connect(redis.ConnectionString, "replica-b", emu.Time, new RecordingLogger<RedisCoordination>());

        var start = await BurstAsync(emu, new RedisRateWindows(a, emu.Time), new RedisRateWindows(b, emu.Time));

        AssertAllSentUnthrottled(emu, start);
        Assert.False(a.IsDown);
        Assert.False(b.IsDown);
    }

    [Fact]
    public async Task TwoReplicasBurstOverTheAppQps_EachOnItsOwn_DingTalkThrottles()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync(o => o.QpsSlidingWindow = true);

        var start = await BurstAsync(emu, null, null);

        Assert.Contains(emu.Calls(OtoPath), c => c.At >= start && c.Status == 403);
    }

    [Fact]
    public async Task TwoReplicasBurstOverTheAppQps_SharedThroughPostgres_NoThrottledCall()
    {
        using var postgres = PostgresInstance.Start();
        var connectionString = CreateDatabase(postgres);
        await using var emu = await DingTalkTestEmulator.StartAsync(o => o.QpsSlidingWindow = true);
        await using var a = PostgresDatabase.Open(connectionString, emu.Time);
        await using var b = PostgresDatabase.Open(connectionString, emu.Time);

        var start = await BurstAsync(emu, new PostgresRateWindows(a), new PostgresRateWindows(b));

        AssertAllSentUnthrottled(emu, start);
        NpgsqlConnection.ClearAllPools();
    }

    [Fact]
    public async Task RedisKilledMidBurst_CallsGoOnUnderTheLocalShare_LoggedOnce_NoThrottledCall()
    {
        var redis = RedisInstance.Start();
        await using var emu = await DingTalkTestEmulator.StartAsync(o => o.QpsSlidingWindow = true);
        var logA = new RecordingLogger<RedisCoordination>();
        var logB = new RecordingLogger<RedisCoordination>();
        await using var a = RedisCoordination.Connect(redis.ConnectionString, "replica-a", emu.Time, logA);
        await using var b = RedisCoordination.Connect(redis.ConnectionString, "replica-b", emu.Time, logB);
        Assert.True(await a.BeatAsync());
        Assert.True(await b.BeatAsync());
        await a.BeatAsync();
        Assert.Equal(2, a.Replicas);
        Assert.Equal(2, b.Replicas);

        var killedAt = DateTimeOffset.MaxValue;
        var start = await BurstAsync(emu, new RedisRateWindows(a, emu.Time), new RedisRateWindows(b, emu.Time), async begun =>
        {
            await TestWait.UntilAsync(() => emu.Calls(OtoPath).Count(c => c.At >= begun) >= 10, "the first calls of the burst");
            killedAt = emu.Time.GetUtcNow();
            redis.Dispose();
        });

        AssertAllSentUnthrottled(emu, start);
        Assert.True(a.IsDown && b.IsDown, "both replicas are on their local share");
        Assert.Contains(emu.Calls(OtoPath), c => c.At > killedAt && c.Status == 200);
        foreach (var log in new[] { logA, logB })
        {
            var lost = Assert.Single(log.Entries, e => e.EventId.Id == 7101);
            Assert.Contains("1/2 of each limit", lost.Message, StringComparison.Ordinal);
        }
    }

    // Warms each replica's token, then sends PerReplica OTO messages from each at once; returns the fake time the burst
    // began. `during` runs beside the burst (given that time).
    private static async Task<DateTimeOffset> BurstAsync(
        DingTalkTestEmulator emu, ISharedRateWindows? sharedA, ISharedRateWindows? sharedB, Func<DateTimeOffset, Task>? during = null)
    {
        var (inFlightA, inFlightB) = (DingTalkTestEmulator.NewInFlightCounter(), DingTalkTestEmulator.NewInFlightCounter());
        var clientA = emu.CreateClient(inFlight: inFlightA, sharedWindows: sharedA);
        var clientB = emu.CreateClient(inFlight: inFlightB, sharedWindows: sharedB);
        await OtoAsync(clientA);
        await OtoAsync(clientB);
        emu.Time.Advance(TimeSpan.FromSeconds(2));
        var start = emu.Time.GetUtcNow();

        var burst = Task.WhenAll(Enumerable.Range(0, PerReplica).SelectMany(_ => new[] { OtoAsync(clientA), OtoAsync(clientB) }));
        var drive = emu.DriveQuietlyAsync(burst, Step, maxSteps: 1500, inFlightA, inFlightB);
        if (during is not null)
        {
            await during(start);
        }

        await drive;
        return start;
    }

    private static void AssertAllSentUnthrottled(DingTalkTestEmulator emu, DateTimeOffset start)
    {
        var burst = emu.Calls(OtoPath).Where(c => c.At >= start).ToList();
        Assert.DoesNotContain(burst, c => c.Status == 403);
        Assert.Equal(2 * PerReplica, burst.Count(c => c.Status == 200));
    }

    // A refused send (the unshared burst) ends the replica's retries with an exception: the traffic is what is asserted.
    private static async Task OtoAsync(DingTalkApiClient client)
    {
        try
        {
            await new RobotMessageSender(client.Account, client).SendAsync(
                new MessageTarget(MessageTargetKind.User, "user001"), "sampleText", "{\"content\":\"hi\"}", null, CancellationToken.None);
        }
        catch (DingTalkApiException)
        {
        }
    }

    private static string CreateDatabase(PostgresInstance postgres)
    {
        var name = "t_" + Guid.NewGuid().ToString("N");
        using (var connection = new NpgsqlConnection(postgres.AdminConnectionString))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            command.ExecuteNonQuery();
        }

        return postgres.ConnectionStringFor(name);
    }
}
