using System.Collections.Concurrent;
using DingGate.Core.Coordination;
using DingGate.Coordination.Redis;
using DingGate.Tests.Shared;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace DingGate.Storage.Tests.Redis;

/// <summary>
/// The Redis link of one replica against a real redis-server: the sliding window decided in Redis, the presence count,
/// and an outage (the server paused with CLIENT PAUSE, so commands time out): the replica logs it once, keeps a quiet
/// window then its local share, and when Redis answers again writes its takes of the outage back and logs the recovery.
/// </summary>
public sealed class RedisCoordinationTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task TryTake_LimitReachedInTheWindow_RefusedUntilTheOldestLeaves()
    {
        using var redis = RedisInstance.Start();
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56));
        await using var a = RedisCoordination.Connect(redis.ConnectionString, "a", time, new ListLogger());
        await using var b = RedisCoordination.Connect(redis.ConnectionString, "b", time, new ListLogger());
        ISharedRateWindows windowsA = new RedisRateWindows(a, time), windowsB = new RedisRateWindows(b, time);

        Assert.True((await windowsA.TryTakeAsync("k", 2, Window, CancellationToken.None)).Granted);
        time.Advance(TimeSpan.FromMilliseconds(300));
        Assert.True((await windowsB.TryTakeAsync("k", 2, Window, CancellationToken.None)).Granted);
        var refused = await windowsA.TryTakeAsync("k", 2, Window, CancellationToken.None);
        Assert.False(refused.Granted);
        Assert.Equal(TimeSpan.FromMilliseconds(700), refused.RetryAfter);

        time.Advance(TimeSpan.FromMilliseconds(700));
        Assert.True((await windowsB.TryTakeAsync("k", 2, Window, CancellationToken.None)).Granted);
        Assert.False((await windowsA.TryTakeAsync("k", 2, Window, CancellationToken.None)).Granted);
        Assert.True((await windowsA.TryTakeAsync("other", 2, Window, CancellationToken.None)).Granted);
    }

    [Fact]
    public async Task Beat_TwoReplicas_BothCountedUntilOneExpires()
    {
        using var redis = RedisInstance.Start();
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56));
        await using var a = RedisCoordination.Connect(redis.ConnectionString, "a", time, new ListLogger());
        await using var b = RedisCoordination.Connect(redis.ConnectionString, "b", time, new ListLogger());

        Assert.Equal(RedisCoordination.AssumedReplicas, a.Replicas);
        await a.BeatAsync();
        await b.BeatAsync();
        await a.BeatAsync();
        Assert.Equal(2, a.Replicas);

        time.Advance(RedisCoordination.PresenceTtl + TimeSpan.FromSeconds(1));
        await a.BeatAsync();
        Assert.Equal(1, a.Replicas);
    }

    [Fact]
    public async Task Outage_LoggedOnce_QuietWindowThenLocalShare_RecoveryWritesTheTakesBackAndLogs()
    {
        using var redis = RedisInstance.Start();
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56));
        var log = new ListLogger();
        await using var coordination = RedisCoordination.Connect(redis.ConnectionString, "a", time, log);
        var windows = new RedisRateWindows(coordination, time);
        Assert.True(await coordination.BeatAsync());
        Assert.True((await windows.TryTakeAsync("k", 4, Window, CancellationToken.None)).Granted);

        await using var admin = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString + ",allowAdmin=true");
        await admin.GetDatabase().ExecuteAsync("CLIENT", "PAUSE", "4000");

        var first = await windows.TryTakeAsync("k", 4, Window, CancellationToken.None);
        var second = await windows.TryTakeAsync("k", 4, Window, CancellationToken.None);
        Assert.True(coordination.IsDown);
        Assert.False(first.Granted, "nothing is taken in the first window of the outage");
        Assert.False(second.Granted);
        Assert.Equal(Window, second.RetryAfter);
        time.Advance(Window);
        Assert.True((await windows.TryTakeAsync("k", 4, Window, CancellationToken.None)).Granted);
        Assert.Single(log.Entries, e => e.Id == 7101);

        await TestWaitForRedisAsync(coordination);

        Assert.False(coordination.IsDown);
        Assert.Single(log.Entries, e => e.Id == 7101);
        Assert.Single(log.Entries, e => e.Id == 7102);
        var members = await admin.GetDatabase().SortedSetRangeByRankAsync("dinggate:k");
        Assert.Contains(members, m => ((string)m!).StartsWith("a:r", StringComparison.Ordinal));
        Assert.True((await windows.TryTakeAsync("k", 4, Window, CancellationToken.None)).Granted);
    }

    // The pause ends on the server's clock: beat until Redis answers (at most 30 s of real time).
    private static async Task TestWaitForRedisAsync(RedisCoordination coordination)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await coordination.BeatAsync())
        {
            Assert.True(DateTime.UtcNow < deadline, "Redis never answered again after the pause");
            await Task.Delay(200);
        }
    }

    private sealed class ListLogger : ILogger
    {
        private readonly ConcurrentQueue<(int Id, string Message)> _entries = new();

        public IReadOnlyList<(int Id, string Message)> Entries => [.. _entries];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _entries.Enqueue((eventId.Id, formatter(state, exception)));
    }
}
