using DingGate.Storage.Postgres;
using Npgsql;

namespace DingGate.Storage.Tests.Postgres;

// Npgsql's default pool (100) equals PostgreSQL's default max_connections: three busy replicas made the server refuse
// clients. A replica uses 25 unless the connection string sets the pool size.
public sealed class PostgresPoolDefaultsTests
{
    [Fact]
    public void Apply_NoPoolSize_Caps25AndKeepsTheRest()
    {
        var applied = new NpgsqlConnectionStringBuilder(PostgresPoolDefaults.Apply("Host=db;Database=dinggate;Username=u;Password=\"p;w=d\""));

        Assert.Equal(PostgresPoolDefaults.DefaultMaxPoolSize, applied.MaxPoolSize);
        Assert.Equal(("db", "dinggate", "u", "p;w=d"), (applied.Host, applied.Database, applied.Username, applied.Password));
    }

    [Theory]
    [InlineData("Host=db;Maximum Pool Size=7")]
    [InlineData("Host=db;maxpoolsize=7")]
    public void Apply_PoolSizeSet_Kept(string connectionString)
    {
        Assert.Equal(7, new NpgsqlConnectionStringBuilder(PostgresPoolDefaults.Apply(connectionString)).MaxPoolSize);
    }
}
