using DingGate.Agent.Providers;
using DingGate.Agent.Sessions;
using DingGate.Bench.Model;
using DingGate.Bench.Tracking;
using DingGate.Cli.Gateway;
using DingGate.Core.Configuration;
using DingGate.Core.Inbound;
using DingGate.Emulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace DingGate.Bench.Rig;

/// <summary>
/// The system under test, as <c>dinggate sandbox</c> composes it: the emulator on 127.0.0.1:0 with the bench apps and
/// users, the real gateway host (SQLite state, JSONL logs, every account over the Stream protocol) with the fake model
/// and a tracker around the inbound handler.
/// </summary>
internal sealed class BenchRig : IAsyncDisposable
{
    private readonly EmulatorHost _emulator;
    private readonly HttpClient _http;
    private readonly string _stateDirectory;
    private IHost? _gateway;

    private BenchRig(EmulatorHost emulator, IReadOnlyList<BenchApp> apps, IReadOnlyList<string> users, string stateDirectory)
    {
        _emulator = emulator;
        Apps = apps;
        Users = users;
        _stateDirectory = stateDirectory;
        _http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        Control = new EmulatorControl(_http);
    }

    public IReadOnlyList<BenchApp> Apps { get; }

    public IReadOnlyList<string> Users { get; }

    public EmulatorControl Control { get; }

    public ReplyTracker Tracker { get; } = new();

    public static async Task<BenchRig> StartAsync(int appsPerMode, int userCount, Action<EmulatorOptions> configureEmulator, CancellationToken cancellationToken)
    {
        var apps = BenchApp.Create(appsPerMode);
        var options = new EmulatorOptions { Port = 0, Seed = 5 };
        configureEmulator(options);
        foreach (var app in apps)
        {
            options.Apps.Add(new EmulatedAppOptions { ClientId = app.ClientId, ClientSecret = app.ClientSecret, Name = "Bench " + app.AccountId });
        }

        var users = Enumerable.Range(1, userCount).Select(i => $"bench{i:0000}").ToList();
        var state = Path.Combine(Path.GetTempPath(), "dinggate-bench-" + Guid.NewGuid().ToString("N")[..12]);
        var rig = new BenchRig(EmulatorHost.Create(options), apps, users, state);
        try
        {
            await rig._emulator.StartAsync(cancellationToken);
            rig._http.BaseAddress = rig._emulator.BaseUrl;
            foreach (var user in users)
            {
                await rig.Control.AddUserAsync(user, cancellationToken);
            }

            rig._gateway = GatewayHost.Build(rig.Settings());
            await rig._gateway.StartAsync(cancellationToken);
            await rig.WaitForConnectionsAsync(cancellationToken);
            return rig;
        }
        catch
        {
            await rig.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.StopAsync(CancellationToken.None);
            _gateway.Dispose();
        }

        await _emulator.DisposeAsync();
        _http.Dispose();
        try
        {
            Directory.Delete(_stateDirectory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left for the OS to clean: it is in the temp folder.
        }
    }

    private GatewayHostSettings Settings()
    {
        var config = new DinggateConfig();
        config.Models["default"] = new ModelSettings { Provider = "demo", Model = "bench" };
        config.Gateway.LogLevel = "information";
        var channel = new DingTalkChannelSettings
        {
            Endpoints = new DingTalkEndpoints { Api = _emulator.BaseUrl, Oapi = _emulator.BaseUrl },
            DmPolicy = DmPolicy.Open, GroupPolicy = GroupPolicy.Open,
            Quota = new DingTalkQuotaSettings { MonthlyCalls = 0 }, // a benchmark run spends months of a real org's quota: no budget
        };
        foreach (var app in Apps)
        {
            channel.Accounts[app.AccountId] = new DingTalkAccountSettings
            {
                ClientId = app.ClientId, ClientSecret = app.ClientSecret, Name = "Bench " + app.AccountId, MessageType = app.ModeName,
            };
        }

        config.Channels.Dingtalk = channel;
        return new GatewayHostSettings
        {
            Config = config, StateDirectory = _stateDirectory, LogDirectory = Path.Combine(_stateDirectory, "logs"), ConfigureServices = Configure,
        };
    }

    private void Configure(IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<IChatClientProvider, BenchChatClientProvider>());
        services.Replace(ServiceDescriptor.Singleton<IInboundHandler>(
            sp => new TrackingInboundHandler(ActivatorUtilities.CreateInstance<AgentInboundHandler>(sp), Tracker)));
    }

    private async Task WaitForConnectionsAsync(CancellationToken cancellationToken)
    {
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(30);
        while (true)
        {
            var connected = await Control.ConnectedAppsAsync(cancellationToken);
            if (Apps.All(a => connected.Contains(a.ClientId)))
            {
                return;
            }

            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                throw new TimeoutException($"Only {connected.Count} of {Apps.Count} gateway accounts connected to the emulator within 30 s.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System, cancellationToken);
        }
    }
}
