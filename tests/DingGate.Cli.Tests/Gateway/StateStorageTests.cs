using DingGate.Cli.Gateway;
using DingGate.Core.Configuration;
using DingGate.Core.Scheduling;
using DingGate.Core.Sessions;
using DingGate.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace DingGate.Cli.Tests.Gateway;

// storage.provider picks the stores of the gateway host (the stores themselves are tested on both providers in
// DingGate.Storage.Tests).
public sealed class StateStorageTests
{
    private static readonly Type[] Contracts =
    [
        typeof(IInboundJournal), typeof(IDedupStore), typeof(IPairingStore), typeof(IOpenCardStore), typeof(IShownIndicatorStore),
        typeof(ISessionStore), typeof(IApiUsageStore), typeof(IReplyOutbox), typeof(IScheduledJobStore), typeof(IOwnerApprovalStore),
    ];

    [Theory]
    [InlineData(null, "DingGate.Storage.Sqlite")]
    [InlineData(StorageProvider.Sqlite, "DingGate.Storage.Sqlite")]
    [InlineData(StorageProvider.Postgres, "DingGate.Storage.Postgres")]
    public void AddStateStorage_Provider_EveryStoreFromThatProvider(StorageProvider? provider, string storeNamespace)
    {
        var storage = new StorageSettings { Provider = provider, ConnectionString = "Host=127.0.0.1;Database=dinggate;Username=dg" };

        var services = new ServiceCollection().AddStateStorage(storage, Path.Combine(Path.GetTempPath(), "unused-state"));

        foreach (var contract in Contracts)
        {
            var registration = Assert.Single(services, d => d.ServiceType == contract);
            Assert.Equal(storeNamespace, registration.ImplementationType?.Namespace);
        }
    }
}
