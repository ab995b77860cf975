using DingGate.Cli.Gateway;
using DingGate.Core.Configuration;
using DingGate.Core.Coordination;
using Microsoft.Extensions.DependencyInjection;

namespace DingGate.Cli.Tests.Gateway;

// coordination.redis / storage.provider pick where the replicas share their limits (the stores themselves are tested
// against real servers in DingGate.Storage.Tests and DingGate.DingTalk.Tests). Registrations only: nothing connects.
public sealed class SharedLimitsCompositionTests
{
    [Theory]
    [InlineData("redis.internal:6379", StorageProvider.Postgres, true, false)]
    [InlineData("redis.internal:6379", StorageProvider.Sqlite, true, false)]
    [InlineData(null, StorageProvider.Postgres, false, true)]
    [InlineData(null, StorageProvider.Sqlite, false, false)]
    public void AddSharedLimits_Config_RedisElsePostgresElseNone(string? redis, StorageProvider provider, bool viaRedis, bool viaPostgres)
    {
        var config = new DinggateConfig
        {
            Storage = new StorageSettings { Provider = provider, ConnectionString = "Host=127.0.0.1;Database=dinggate;Username=dg" },
            Coordination = new CoordinationSettings { Redis = redis },
        };

        var services = new ServiceCollection().AddSharedLimits(config);

        var windows = services.Where(d => d.ServiceType == typeof(ISharedRateWindows)).ToList();
        var counters = services.Where(d => d.ServiceType == typeof(ISharedCounters)).ToList();
        Assert.Equal(viaRedis || viaPostgres ? 1 : 0, windows.Count);
        Assert.Equal(windows.Count, counters.Count);
        Assert.Equal(viaRedis ? 1 : 0, services.Count(d => d.ServiceType == typeof(ISharedLimitsLoop)));
        if (viaPostgres)
        {
            Assert.Equal("DingGate.Storage.Postgres", windows[0].ImplementationType?.Namespace);
        }

        Assert.Single(services, d => d.ImplementationType == typeof(SharedLimitsService));
    }
}
