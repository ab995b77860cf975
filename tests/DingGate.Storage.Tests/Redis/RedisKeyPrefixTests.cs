using DingGate.Core.Coordination;
using DingGate.Coordination.Redis;
using DingGate.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace DingGate.Storage.Tests.Redis;

/// <summary>
/// <c>coordination.keyPrefix</c> against a real redis-server: two clusters on one Redis server (and database), each
/// with its own prefix, keep apart — their windows, counters and presence do not mix — while the replicas of one
/// cluster (same prefix) share them; every key the coordination writes starts with its prefix (read back with SCAN).
/// </summary>
public sealed class RedisKeyPrefixTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);

    [Fact]
    public async Task TwoPrefixesOnOneRedis_WindowsCountersAndPresenceApart_SamePrefixShares_EveryKeyPrefixed()
    {
        using var redis = RedisInstance.Start();
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56));
        await using var alpha1 = RedisCoordination.Connect(redis.ConnectionString, "alpha-1", time, NullLogger.Instance, "cluster-alpha:");
        await using var alpha2 = RedisCoordination.Connect(redis.ConnectionString, "alpha-2", time, NullLogger.Instance, "cluster-alpha:");
        await using var beta = RedisCoordination.Connect(redis.ConnectionString, "beta-1", time, NullLogger.Instance, "{beta}/");
        ISharedRateWindows windowsAlpha1 = new RedisRateWindows(alpha1, time);
        ISharedRateWindows windowsAlpha2 = new RedisRateWindows(alpha2, time);
        ISharedRateWindows windowsBeta = new RedisRateWindows(beta, time);

        Assert.True((await windowsAlpha1.TryTakeAsync("api:app:POST /x", 1, Window, CancellationToken.None)).Granted);
        Assert.False((await windowsAlpha2.TryTakeAsync("api:app:POST /x", 1, Window, CancellationToken.None)).Granted, "same prefix: one window");
        Assert.True((await windowsBeta.TryTakeAsync("api:app:POST /x", 1, Window, CancellationToken.None)).Granted, "other prefix: its own window");
        Assert.False((await windowsBeta.TryTakeAsync("api:app:POST /x", 1, Window, CancellationToken.None)).Granted);

        Assert.Equal(5, await new RedisCounters(alpha1).AddAsync("quota:m", 5, 0, Lifetime, CancellationToken.None));
        Assert.Equal(7, await new RedisCounters(alpha2).AddAsync("quota:m", 2, 0, Lifetime, CancellationToken.None));
        Assert.Equal(1, await new RedisCounters(beta).AddAsync("quota:m", 1, 0, Lifetime, CancellationToken.None));

        Assert.True(await alpha1.BeatAsync());
        Assert.True(await alpha2.BeatAsync());
        Assert.True(await beta.BeatAsync());
        Assert.True(await alpha1.BeatAsync());
        Assert.Equal(2, alpha1.Replicas);
        Assert.Equal(1, beta.Replicas);

        await using var reader = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var keys = reader.GetServer(reader.GetEndPoints()[0]).Keys(pattern: "*").Select(k => (string)k!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            ["cluster-alpha:api:app:POST /x", "cluster-alpha:quota:m", "cluster-alpha:replicas", "{beta}/api:app:POST /x", "{beta}/quota:m", "{beta}/replicas"],
            keys);
        Assert.Equal(["alpha-1", "alpha-2"], (await reader.GetDatabase().SortedSetRangeByRankAsync("cluster-alpha:replicas")).Select(m => (string)m!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task NoPrefixGiven_KeysStartWithDinggate()
    {
        using var redis = RedisInstance.Start();
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56));
        await using var coordination = RedisCoordination.Connect(redis.ConnectionString, "a", time, NullLogger.Instance);

        Assert.True((await new RedisRateWindows(coordination, time).TryTakeAsync("ip", 1, Window, CancellationToken.None)).Granted);
        Assert.True(await coordination.BeatAsync());

        await using var reader = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var keys = reader.GetServer(reader.GetEndPoints()[0]).Keys(pattern: "*").Select(k => (string)k!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["dinggate:ip", "dinggate:replicas"], keys);
    }
}
