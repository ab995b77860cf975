using System.Net;
using System.Net.Sockets;
using DingGate.Cli.Tests.Support;
using DingGate.Core.Cluster;
using DingGate.Storage;
using DingGate.Storage.Postgres;
using DingGate.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace DingGate.Cli.Tests.Operations;

// doctor's state checks: the database (SQLite file, PostgreSQL server) and Redis (coordination.redis), against real
// servers and closed ports. No DingTalk account is configured: those checks are not what these tests look at.
public sealed class DoctorStateChecksTests(PostgresServerFixture server) : IClassFixture<PostgresServerFixture>, IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "dinggate-doctor-state-" + Guid.NewGuid().ToString("N"));

    private string Config => Path.Combine(_dir, "dinggate.json");

    private string State => Path.Combine(_dir, "state");

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public async Task Doctor_SqliteState_DatabasePassesWithTheSchemaVersion()
    {
        await WriteConfigAsync(string.Empty);
        await using (var stores = new ServiceCollection().AddSqliteStorage(State).BuildServiceProvider())
        {
            stores.GetRequiredService<IReplicaRegistry>();
        }

        var line = await DoctorLineAsync("database");

        Assert.StartsWith($"✓ database: sqlite: {Path.Combine(State, "dinggate.db")}: opens, schema version ", line, StringComparison.Ordinal);
        Assert.EndsWith("(current)", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_SqliteFileNotADatabase_FailsWithFix()
    {
        await WriteConfigAsync(string.Empty);
        Directory.CreateDirectory(State);
        await File.WriteAllTextAsync(Path.Combine(State, "dinggate.db"), new string('x', 4096));

        var (_, output, _) = await CliRun.RunAsync("doctor", "--config", Config);

        var line = Line(output, "database");
        Assert.StartsWith("✗ database: sqlite: ", line, StringComparison.Ordinal);
        Assert.Contains("is not a SQLite database", line, StringComparison.Ordinal);
        Assert.Contains("    fix: ", FixAfter(output, line), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_Postgres_DatabasePassesWithSchemaVersionAndLiveReplicas()
    {
        var connectionString = server.CreateDatabase();
        await using (var stores = new ServiceCollection().AddPostgresStorage(connectionString).BuildServiceProvider())
        {
            var now = DateTimeOffset.UtcNow;
            await stores.GetRequiredService<IReplicaRegistry>().UpsertAsync(new ReplicaRecord
            {
                Id = "r1", Host = "h", Pid = 7, Version = "1.0.0", StartedAt = now, HeartbeatAt = now, ExpiresAt = now.AddHours(1),
                Accounts = [], TurnsRunning = 0,
            }, CancellationToken.None);
        }

        await WriteConfigAsync($$"""storage: { provider: "postgres", connectionString: "{{connectionString}}" },""");

        var line = await DoctorLineAsync("database");

        var port = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        Assert.StartsWith($"✓ database: postgres: host 127.0.0.1, port {port.Port}, database {port.Database}, user dinggate: connected, schema version ", line, StringComparison.Ordinal);
        Assert.EndsWith("(current), 1 live replica(s)", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_PostgresClosedPort_FailsClearly_NeverPrintsThePassword()
    {
        var port = ClosedPort();
        await WriteConfigAsync($$"""storage: { provider: "postgres", connectionString: "Host=127.0.0.1;Port={{port}};Database=dinggate;Username=dinggate;Password=pg-Secret-4711;Timeout=5" },""");

        var (code, output, error) = await CliRun.RunAsync("doctor", "--config", Config);

        var line = Line(output, "database");
        Assert.Equal(1, code);
        Assert.StartsWith($"✗ database: postgres: Cannot connect to the PostgreSQL state database (host 127.0.0.1, port {port}, database dinggate, user dinggate)", line, StringComparison.Ordinal);
        Assert.Contains("fix: check that PostgreSQL runs and accepts connections", FixAfter(output, line), StringComparison.Ordinal);
        Assert.DoesNotContain("pg-Secret-4711", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_Redis_PassesWithTheRoundTrip()
    {
        using var redis = RedisInstance.Start();
        await WriteConfigAsync($$"""coordination: { redis: "127.0.0.1:{{redis.Port}}" },""");

        var line = await DoctorLineAsync("redis");

        Assert.StartsWith($"✓ redis: 127.0.0.1:{redis.Port}: connected in ", line, StringComparison.Ordinal);
        Assert.Matches(@"PING answered in \d+\.\d ms$", line);
    }

    [Fact]
    public async Task Doctor_RedisClosedPort_FailsWithFix_NeverPrintsThePassword()
    {
        var port = ClosedPort();
        await WriteConfigAsync($$"""coordination: { redis: "127.0.0.1:{{port}},password=redis-Secret-0815,connectTimeout=2000" },""");

        var (code, output, error) = await CliRun.RunAsync("doctor", "--config", Config);

        var line = Line(output, "redis");
        Assert.Equal(1, code);
        Assert.StartsWith($"✗ redis: cannot reach Redis at 127.0.0.1:{port}: ", line, StringComparison.Ordinal);
        Assert.Contains("fix: check that Redis runs and accepts connections", FixAfter(output, line), StringComparison.Ordinal);
        Assert.DoesNotContain("redis-Secret-0815", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_NoRedisConfigured_NoRedisCheck()
    {
        await WriteConfigAsync(string.Empty);

        var (_, output, _) = await CliRun.RunAsync("doctor", "--config", Config);

        Assert.DoesNotContain(output.Split('\n'), l => l.Contains(" redis: ", StringComparison.Ordinal));
    }

    private async Task<string> DoctorLineAsync(string check)
    {
        var (_, output, _) = await CliRun.RunAsync("doctor", "--config", Config);
        return Line(output, check);
    }

    private static string Line(string output, string check) =>
        Assert.Single(output.Split('\n').Select(l => l.TrimEnd('\r')), l => l.Length > 2 && l[2..].StartsWith(check + ": ", StringComparison.Ordinal));

    private static string FixAfter(string output, string line)
    {
        var lines = output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        return lines[lines.IndexOf(line) + 1];
    }

    // A loopback port nothing listens on (bound, then released).
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private Task WriteConfigAsync(string extra)
    {
        Directory.CreateDirectory(_dir);
        return File.WriteAllTextAsync(Config, $$"""
            { {{extra}}
              gateway: { stateDir: "./state" } }
            """);
    }
}
