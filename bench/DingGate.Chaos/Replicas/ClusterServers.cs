using DingGate.Tests.Shared;

namespace DingGate.Chaos.Replicas;

/// <summary>
/// The servers the replicas share, started by the run on free loopback ports in temp directories and removed after it:
/// a PostgreSQL server (its <c>postgres</c> database holds the gateway's schema) and, when asked, a Redis server.
/// </summary>
internal sealed class ClusterServers : IDisposable
{
    private readonly PostgresInstance _postgres;
    private readonly RedisInstance? _redis;

    private ClusterServers(PostgresInstance postgres, RedisInstance? redis)
    {
        _postgres = postgres;
        _redis = redis;
    }

    public string PostgresConnectionString => _postgres.ConnectionStringFor("postgres");

    public string? RedisConnectionString => _redis?.ConnectionString;

    public static ClusterServers Start(bool redis)
    {
        var postgres = PostgresInstance.Start();
        try
        {
            return new ClusterServers(postgres, redis ? RedisInstance.Start() : null);
        }
        catch
        {
            postgres.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _redis?.Dispose();
        _postgres.Dispose();
    }
}
