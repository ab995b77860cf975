using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DingGate.Cli.Admin;
using DingGate.Cli.Gateway;
using DingGate.Core.Cluster;
using DingGate.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace DingGate.Cli.Tests.Admin;

// The replicas of /status and `gateway status` with SQLite state: the one replica, from its heartbeat row.
public sealed class ReplicaStatusTests : AdminTestBase
{
    [Fact]
    public async Task Status_Sqlite_ListsTheOneReplica_EarlierRunsRowGone_RowRemovedAtStop()
    {
        // A run of this state directory that crashed left a row still within its lease.
        await WithRegistryAsync(registry => registry.UpsertAsync(new ReplicaRecord
        {
            Id = "crashed-run", Host = "old-host", Pid = 1, Version = "0.9.0", StartedAt = DateTimeOffset.UtcNow.AddHours(-1),
            HeartbeatAt = DateTimeOffset.UtcNow, ExpiresAt = DateTimeOffset.UtcNow.AddHours(1), Accounts = [new ReplicaAccount("default", "connected")], TurnsRunning = 2,
        }, CancellationToken.None));
        var admin = await StartAsync(Account("dingdemoappkey", "demo-secret"), configure: c => c.Gateway.ReplicaId = "solo");
        await WaitForStatusAsync(admin, a => a["connected"]!.GetValue<bool>());

        var replicas = await WaitForReplicasAsync(admin, r => r.Count == 1);

        var replica = Assert.IsType<JsonObject>(Assert.Single(replicas));
        Assert.Equal("solo", replica["id"]!.GetValue<string>());
        Assert.True(replica["self"]!.GetValue<bool>());
        Assert.Equal(Environment.MachineName, replica["host"]!.GetValue<string>());
        Assert.Equal(Environment.ProcessId, replica["pid"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(replica["version"]!.GetValue<string>()));
        Assert.Equal(0, replica["turnsRunning"]!.GetValue<int>());
        Assert.Equal("""[{"id":"default","link":"connected"}]""", replica["accounts"]!.ToJsonString());
        var table = await GatewayStatusOutputAsync();
        Assert.Contains("Replicas: 1 live", table, StringComparison.Ordinal);
        Assert.Contains(table.Split('\n'), l => l.StartsWith("solo (this)", StringComparison.Ordinal) && l.TrimEnd().EndsWith("default connected", StringComparison.Ordinal));

        // The stored row is this replica's; a clean stop removes it.
        Assert.Equal(["solo"], await WithRegistryAsync(async r => (await r.ListLiveAsync(DateTimeOffset.UtcNow, CancellationToken.None)).Select(x => x.Id).ToList()));
        await _gateway!.StopAsync();
        Assert.Empty(await WithRegistryAsync(r => r.ListLiveAsync(DateTimeOffset.UtcNow.AddYears(-1), CancellationToken.None)));
    }

    private async Task<JsonArray> WaitForReplicasAsync(Uri admin, Func<JsonArray, bool> done)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var status = await _http.GetFromJsonAsync<JsonObject>(new Uri(admin, "/status"), timeout.Token);
            if (status!["replicas"] is JsonArray replicas && done(replicas))
            {
                return replicas;
            }

            await Task.Delay(20, timeout.Token);
        }
    }

    // The registry of the state directory's database, as another process would open it (the running gateway's too).
    private async Task<T> WithRegistryAsync<T>(Func<IReplicaRegistry, Task<T>> work)
    {
        await using var stores = new ServiceCollection().AddSqliteStorage(_state).BuildServiceProvider();
        return await work(stores.GetRequiredService<IReplicaRegistry>());
    }

    private Task WithRegistryAsync(Func<IReplicaRegistry, Task> work) => WithRegistryAsync<bool>(async r =>
    {
        await work(r);
        return true;
    });

    private async Task<string> GatewayStatusOutputAsync()
    {
        using var http = new HttpClient();
        var status = await new AdminClient(_state, http).StatusAsync(CancellationToken.None);
        using var output = new StringWriter();
        await GatewayStatusCommand.ReportAsync(status, null, _state, json: false, output, CancellationToken.None);
        return output.ToString();
    }
}
