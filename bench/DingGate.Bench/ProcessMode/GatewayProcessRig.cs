using DingGate.Bench.Measure;
using DingGate.Bench.Model;
using DingGate.Bench.Options;
using DingGate.Bench.Rig;
using DingGate.Bench.Tracking;
using DingGate.Emulator;
using DingGate.Harness;

namespace DingGate.Bench.ProcessMode;

/// <summary>
/// The system under test with the gateway in its own process: the emulator (127.0.0.1:0) with the bench apps and users
/// and the fake model server stay in this process; the built <c>dinggate gateway</c> runs as a child with a config
/// written for the run (<see cref="GatewayConfigWriter"/>), in a temporary work directory (state, logs, its output in
/// <c>gateway.out.log</c>) that is removed at the end unless the gateway failed.
/// </summary>
internal sealed class GatewayProcessRig : IAsyncDisposable
{
    private readonly EmulatorHost _emulator;
    private readonly HttpClient _http;
    private BenchModelServer? _model;
    private GatewayProcess? _gateway;
    private bool _keepWork;

    private GatewayProcessRig(EmulatorHost emulator, IReadOnlyList<BenchApp> apps, IReadOnlyList<string> users, string work)
    {
        _emulator = emulator;
        Apps = apps;
        Users = users;
        WorkDirectory = work;
        _http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        Control = new EmulatorControl(_http);
    }

    public IReadOnlyList<BenchApp> Apps { get; }

    public IReadOnlyList<string> Users { get; }

    public EmulatorControl Control { get; }

    public ReplyTracker Tracker { get; } = new();

    public string WorkDirectory { get; }

    public string LogPath => Path.Combine(WorkDirectory, "gateway.out.log");

    public GatewayProbe Probe { get; private set; } = new(0);

    public static async Task<GatewayProcessRig> StartAsync(BenchOptions options, IReadOnlyList<BenchApp> apps, int userCount, TextWriter progress, CancellationToken cancellationToken)
    {
        var emulatorOptions = new EmulatorOptions { Port = 0, Seed = 5 };
        EmulatorQps.Apply(emulatorOptions, options.EmulatorQps, options.EmulatorQpsLimit, options.IpLimit);
        foreach (var app in apps)
        {
            emulatorOptions.Apps.Add(new EmulatedAppOptions { ClientId = app.ClientId, ClientSecret = app.ClientSecret, Name = "Bench " + app.AccountId });
        }

        var users = Enumerable.Range(1, userCount).Select(i => $"bench{i:0000}").ToList();
        var work = Path.Combine(Path.GetTempPath(), "dinggate-bench-process-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(work);
        var rig = new GatewayProcessRig(EmulatorHost.Create(emulatorOptions), apps, users, work) { _keepWork = options.KeepWork };
        try
        {
            await rig._emulator.StartAsync(cancellationToken);
            rig._http.BaseAddress = rig._emulator.BaseUrl;
            foreach (var user in users)
            {
                await rig.Control.AddUserAsync(user, cancellationToken);
            }

            rig._model = await BenchModelServer.StartAsync(cancellationToken);
            var config = GatewayConfigWriter.Write(work, rig._emulator.BaseUrl, rig._model.BaseUrl, apps, options.ApiQps, options.MaxTurns, options.IpLimit);
            await progress.WriteLineAsync($"Gateway process: {GatewayProcess.GatewayDll} with {config}; emulator {rig._emulator.BaseUrl}; model {rig._model.BaseUrl}");
            rig._gateway = GatewayProcess.Start(config, rig.LogPath, 1);
            rig.Probe = new GatewayProbe(rig._gateway.Id);
            await rig.WaitForConnectionsAsync(cancellationToken);
            return rig;
        }
        catch
        {
            rig._keepWork = true;
            await rig.DisposeAsync();
            throw;
        }
    }

    /// <summary>Throws, pointing at the gateway's output, when the child is gone.</summary>
    public void EnsureRunning()
    {
        if (_gateway is { HasExited: true })
        {
            _keepWork = true;
            var tail = Tail();
            var hint = tail.Contains("unknown key", StringComparison.Ordinal)
                ? "\nThis gateway does not know a key the bench wrote: run without --api-qps / --max-turns (or --api-qps default with a --target)."
                : string.Empty;
            throw new InvalidOperationException($"the gateway process exited; its output: {LogPath}\n{tail}{hint}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }

        if (_model is not null)
        {
            await _model.DisposeAsync();
        }

        await _emulator.DisposeAsync();
        _http.Dispose();
        if (_keepWork)
        {
            await Console.Error.WriteLineAsync($"Kept the gateway's work directory: {WorkDirectory}");
            return;
        }

        try
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left for the OS to clean: it is in the temp folder.
        }
    }

    private string Tail() =>
        File.Exists(LogPath) ? string.Join('\n', File.ReadLines(LogPath).TakeLast(30)) : "(no output)";

    private async Task WaitForConnectionsAsync(CancellationToken cancellationToken)
    {
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(90);
        while (true)
        {
            EnsureRunning();
            var connected = await Control.ConnectedAppsAsync(cancellationToken);
            if (Apps.All(a => connected.Contains(a.ClientId)))
            {
                return;
            }

            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                throw new TimeoutException($"Only {connected.Count} of {Apps.Count} gateway accounts connected to the emulator within 90 s; see {LogPath}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), TimeProvider.System, cancellationToken);
        }
    }
}
