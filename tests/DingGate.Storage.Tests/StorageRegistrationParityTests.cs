using DingGate.Storage.Postgres;
using Microsoft.Extensions.DependencyInjection;

namespace DingGate.Storage.Tests;

// Both providers register the same services: a store added on one provider only (so that a feature is silently off on
// the other, as the owner admin was on PostgreSQL) fails here. Only the services' types are compared; nothing is opened.
public sealed class StorageRegistrationParityTests
{
    [Fact]
    public void AddSqliteStorage_AndAddPostgresStorage_RegisterTheSameServiceTypes()
    {
        var sqlite = PublicServiceTypes(new ServiceCollection().AddSqliteStorage(Path.Combine(Path.GetTempPath(), "unused-state")));
        var postgres = PublicServiceTypes(new ServiceCollection().AddPostgresStorage("Host=127.0.0.1;Database=unused;Username=unused"));

        Assert.Equal(sqlite, postgres);
        Assert.Contains(typeof(DingGate.Core.Storage.IOwnerApprovalStore).FullName!, postgres);
        Assert.Contains(typeof(DingGate.Core.Storage.IInboundJournal).FullName!, sqlite);
    }

    // The contracts the rest of the program resolves (each provider's database type is internal to it).
    private static IReadOnlyList<string> PublicServiceTypes(IServiceCollection services) =>
        [.. services.Select(d => d.ServiceType).Where(t => t.IsPublic).Select(t => t.FullName!).Distinct().Order(StringComparer.Ordinal)];
}
