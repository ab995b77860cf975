using DingGate.Cli.Gateway;
using DingGate.Core.Configuration;
using DingGate.Core.Coordination;
using DingGate.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace DingGate.Cli.Tests.Gateway;

/// <summary>
/// <c>coordination.keyPrefix</c> reaches the Redis link the gateway composes (<see cref="SharedLimitsServiceCollectionExtensions"/>):
/// against a real redis-server, the windows and counters it writes start with the configured prefix.
/// </summary>
public sealed class SharedLimitsKeyPrefixTests
{
    [Fact]
    public async Task AddSharedLimits_KeyPrefixSet_EveryKeyStartsWithIt()
    {
        using var redis = RedisInstance.Start();
        var config = new DinggateConfig { Coordination = new CoordinationSettings { Redis = redis.ConnectionString, KeyPrefix = "dg-staging:" } };
        await using var provider = new ServiceCollection().AddSharedLimits(config).BuildServiceProvider();

        Assert.True((await provider.GetRequiredService<ISharedRateWindows>().TryTakeAsync("ip", 5, TimeSpan.FromSeconds(1), CancellationToken.None)).Granted);
        Assert.Equal(3, await provider.GetRequiredService<ISharedCounters>().AddAsync("quota:x", 3, 0, TimeSpan.FromDays(1), CancellationToken.None));

        await using var reader = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var keys = reader.GetServer(reader.GetEndPoints()[0]).Keys(pattern: "*").Select(k => (string)k!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["dg-staging:ip", "dg-staging:quota:x"], keys);
    }
}
