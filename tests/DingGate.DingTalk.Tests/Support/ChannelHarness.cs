using DingGate.Core.Configuration;
using DingGate.Core.Inbound;
using DingGate.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk.Tests.Support;

/// <summary>
/// The real DingTalk channel (DI as the gateway composes it, SQLite stores in a state directory) connected to a
/// <see cref="DingTalkTestEmulator"/>, running until disposed. A second harness on the same directory is a restart.
/// </summary>
internal sealed class ChannelHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;

    private ChannelHarness(ServiceProvider services, string stateDirectory)
    {
        _services = services;
        StateDirectory = stateDirectory;
        Channel = services.GetRequiredService<DingTalkChannel>();
        Handler = (RecordingInboundHandler)services.GetRequiredService<IInboundHandler>();
        _run = Channel.RunAsync(_stop.Token);
    }

    public string StateDirectory { get; }

    public DingTalkChannel Channel { get; }

    public RecordingInboundHandler Handler { get; }

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public static async Task<ChannelHarness> StartAsync(
        DingTalkTestEmulator emu, string stateDirectory, Action<DingTalkChannelSettings>? configure = null, ILoggerProvider? logs = null)
    {
        var settings = new DingTalkChannelSettings
        {
            ClientId = DingTalkTestEmulator.ClientId, ClientSecret = DingTalkTestEmulator.ClientSecret, Name = "Test Bot",
            Endpoints = new DingTalkEndpoints { Api = emu.Host.BaseUrl, Oapi = emu.Host.BaseUrl },
        };
        configure?.Invoke(settings);
        var collection = new ServiceCollection()
            .AddSingleton<TimeProvider>(emu.Time)
            .AddLogging(b =>
            {
                b.SetMinimumLevel(LogLevel.Trace);
                if (logs is not null)
                {
                    b.AddProvider(logs);
                }
            })
            .AddSqliteStorage(stateDirectory);
        var services = collection
            .AddSingleton<IInboundHandler>(sp => new RecordingInboundHandler())
            .AddDingTalk(new DingTalkChannelOptions { Settings = settings, StateDirectory = stateDirectory })
            .BuildServiceProvider();
        var harness = new ChannelHarness(services, stateDirectory);
        await TestWait.UntilAsync(
            () => harness.Channel.Statuses.All(s => s.State == DingGate.DingTalk.Stream.StreamConnectionState.Connected), "every account is connected");
        return harness;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run;
        Channel.Dispose();
        await _services.DisposeAsync();
        _stop.Dispose();
    }
}
