using System.Net;
using System.Net.Sockets;
using DingGate.Cli.Tests.Support;
using DingGate.Core.Scheduling;
using DingGate.Core.Storage;
using DingGate.Storage.Postgres;
using Microsoft.Extensions.DependencyInjection;

namespace DingGate.Cli.Tests.Operations;

// The state verbs with storage.provider "postgres": they work on the PostgreSQL database (as the gateway does), not on
// the SQLite file of the state directory, and an unusable database is one clear line without the password.
public sealed class PostgresStateVerbTests(PostgresServerFixture server) : IClassFixture<PostgresServerFixture>, IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);
    private readonly string _dir = Directory.CreateTempSubdirectory("dinggate-pg-verbs-").FullName;

    [Fact]
    public async Task AllowAddList_Postgres_StoredInTheDatabaseNotInTheStateDirectory()
    {
        var connectionString = server.CreateDatabase();
        var config = WriteConfig(connectionString, "pairing");

        var added = await CliRun.RunAsync("allow", "add", "manager01", "--config", config, "--account", "main");
        var listed = await CliRun.RunAsync("allow", "list", "--config", config, "--account", "main");

        Assert.Equal((0, string.Empty), (added.ExitCode, added.Error));
        Assert.Equal("manager01", listed.Output.Trim());
        await using var store = Store(connectionString);
        Assert.Equal(["manager01"], await store.GetRequiredService<IPairingStore>().ListApprovedAsync("main", CancellationToken.None));
        Assert.False(File.Exists(Path.Combine(_dir, "state", "dinggate.db")));
    }

    [Fact]
    public async Task JobsList_Postgres_ListsTheDatabasesJobs()
    {
        var connectionString = server.CreateDatabase();
        var config = WriteConfig(connectionString, "pairing");
        await using (var store = Store(connectionString))
        {
            await store.GetRequiredService<IScheduledJobStore>().AddAsync(
                new ScheduledJob
                {
                    Id = "job-pg-1", AccountId = "main", Target = "user:user001", Creator = "user001", Kind = ScheduledJobKind.Message,
                    Text = "喝水提醒", At = T0.AddDays(1), TimeZone = "Asia/Shanghai", NextOccurrence = T0.AddDays(1), CreatedAt = T0,
                },
                10,
                CancellationToken.None);
        }

        var (code, output, error) = await CliRun.RunAsync("jobs", "list", "--config", config, "--account", "main");

        Assert.Equal((0, string.Empty), (code, error));
        Assert.Contains("job-pg-1", output, StringComparison.Ordinal);
        Assert.Contains("喝水提醒", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "state", "dinggate.db")));
    }

    [Fact]
    public async Task ConfigValidate_AllowlistPostgres_ReadsTheApprovalsFromTheDatabase()
    {
        var connectionString = server.CreateDatabase();
        var config = WriteConfig(connectionString, "allowlist");

        var before = await CliRun.RunAsync("config", "validate", "--config", config);
        await CliRun.RunAsync("allow", "add", "manager01", "--config", config, "--account", "main");
        var after = await CliRun.RunAsync("config", "validate", "--config", config);

        Assert.Equal(0, before.ExitCode);
        Assert.Contains("no sender is approved in the PostgreSQL state database", before.Error, StringComparison.Ordinal);
        Assert.Equal(0, after.ExitCode);
        Assert.DoesNotContain("dmPolicy is allowlist", after.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AllowList_UnreachableServer_OneLineExit1WithoutPassword()
    {
        var config = WriteConfig($"Host=127.0.0.1;Port={ClosedPort()};Database=dinggate;Username=dg;Password=hunter2secret;Timeout=5", "pairing");

        var (code, output, error) = await CliRun.RunAsync("allow", "list", "--config", config, "--account", "main");

        Assert.Equal(1, code);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith("error: the PostgreSQL state database (storage.connectionString) cannot be used:", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
        Assert.DoesNotContain("hunter2secret", error, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("storage.connectionString")]
    [InlineData("storage")]
    public async Task ConfigGet_ConnectionString_PasswordMaskedUnlessReveal(string path)
    {
        var config = WriteConfig("Host=db.internal;Database=dinggate;Username=dg;Password=hunter2secret", "pairing");

        var masked = await CliRun.RunAsync("config", "get", path, "--config", config);
        var revealed = await CliRun.RunAsync("config", "get", path, "--config", config, "--reveal");

        Assert.Equal(0, masked.ExitCode);
        Assert.Contains("Host=db.internal;Database=dinggate;Username=dg;Password=***", masked.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2secret", masked.Output, StringComparison.Ordinal);
        Assert.Contains("hunter2secret", revealed.Output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static ServiceProvider Store(string connectionString) =>
        new ServiceCollection().AddPostgresStorage(connectionString).BuildServiceProvider();

    // A loopback port nothing listens on (bound, then released).
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private string WriteConfig(string connectionString, string dmPolicy)
    {
        var path = Path.Combine(_dir, "dinggate.json");
        File.WriteAllText(path, $$"""
            { channels: { dingtalk: { dmPolicy: "{{dmPolicy}}", accounts: { main: { clientId: "dingmain", clientSecret: "s-main" } } } },
              gateway: { stateDir: "./state" },
              storage: { provider: "postgres", connectionString: "{{connectionString}}" } }
            """);
        return path;
    }
}
