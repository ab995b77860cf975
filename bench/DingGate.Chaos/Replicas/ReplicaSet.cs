using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using DingGate.Chaos.Rig;

namespace DingGate.Chaos.Replicas;

/// <summary>
/// The gateway replicas of a run: one child process each (<see cref="GatewayProcess"/>), each with its own directory
/// (<c>replica-1/</c> …: config, <c>state/</c>, <c>gateway.out.log</c>) and replica id, all on one database.
/// </summary>
internal sealed class ReplicaSet(string work, Uri emulator, Uri model, ClusterServers servers, bool markdownOnly, TextWriter progress) : IAsyncDisposable
{
    private readonly Dictionary<int, GatewayProcess> _live = [];
    private readonly Dictionary<int, int> _generations = [];

    public IReadOnlyCollection<int> Live => _live.Keys;

    public static string ReplicaId(int index) => "chaos-replica-" + index.ToString(CultureInfo.InvariantCulture);

    public string ReplicaDirectory(int index) => Path.Combine(work, "replica-" + index.ToString(CultureInfo.InvariantCulture));

    public string ConfigPath(int index) => Path.Combine(ReplicaDirectory(index), "dinggate.json");

    public string LogPath(int index) => Path.Combine(ReplicaDirectory(index), "gateway.out.log");

    /// <summary>Starts replica <paramref name="index"/> (again, after a kill: same directory, same id) and waits until it holds a connection per app.</summary>
    public async Task StartAsync(int index, EmulatorControl control, CancellationToken ct)
    {
        var before = await ActiveConnectionsAsync(control, ct);
        var config = File.Exists(ConfigPath(index))
            ? ConfigPath(index)
            : ReplicaConfigFile.Write(ReplicaDirectory(index), ReplicaId(index), emulator, model, servers.PostgresConnectionString, servers.RedisConnectionString, markdownOnly);
        var generation = _generations[index] = _generations.GetValueOrDefault(index) + 1;
        var process = GatewayProcess.Start(config, LogPath(index), generation);
        _live[index] = process;
        progress.WriteLine($"replicas: started {ReplicaId(index)} (start #{generation}, pid {process.Id})");
        await WaitNewConnectionsAsync(index, process, control, before, ct);
    }

    /// <summary><c>kill -9</c> of replica <paramref name="index"/>; returns the connection ids that closed with it.</summary>
    public async Task<IReadOnlySet<string>> KillAsync(int index, EmulatorControl control, CancellationToken ct)
    {
        var before = await ActiveConnectionsAsync(control, ct);
        var process = _live[index];
        var pid = process.Id;
        _live.Remove(index);
        await process.KillAsync();
        await process.DisposeAsync();
        progress.WriteLine($"replicas: kill -9 {ReplicaId(index)} (pid {pid})");
        var waited = Stopwatch.StartNew();
        HashSet<string> closed = [];
        while (waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            var now = await ActiveConnectionsAsync(control, ct);
            closed = before.Keys.Where(id => !now.ContainsKey(id)).ToHashSet(StringComparer.Ordinal);
            if (closed.Count >= ChaosApps.ClientIds.Count)
            {
                break;
            }

            await Task.Delay(100, ct);
        }

        return closed;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _live.Values)
        {
            await process.DisposeAsync();
        }

        _live.Clear();
    }

    public static async Task<Dictionary<string, string>> ActiveConnectionsAsync(EmulatorControl control, CancellationToken ct) =>
        (await control.ConnectionsAsync(ct)).OfType<JsonObject>()
            .Where(c => c["state"]?.GetValue<string>() == "active")
            .ToDictionary(c => c["id"]!.GetValue<string>(), c => c["clientId"]?.GetValue<string>() ?? string.Empty, StringComparer.Ordinal);

    private async Task WaitNewConnectionsAsync(int index, GatewayProcess process, EmulatorControl control, Dictionary<string, string> before, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{ReplicaId(index)} exited at start; see {LogPath(index)}:\n{await File.ReadAllTextAsync(LogPath(index), ct)}");
            }

            var fresh = (await ActiveConnectionsAsync(control, ct)).Where(c => !before.ContainsKey(c.Key)).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
            if (ChaosApps.ClientIds.All(fresh.Contains))
            {
                return;
            }

            await Task.Delay(200, ct);
        }

        throw new TimeoutException($"{ReplicaId(index)} did not connect both apps within 90 s; see {LogPath(index)}");
    }
}
