using DingGate.Cli.Gateway;
using DingGate.Core.Storage;
using DingGate.DingTalk;
using DingGate.DingTalk.Stream;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DingGate.Cli.Sandbox;

/// <summary>
/// The sandbox's gateway: one gateway host connected to the emulator, restartable with other reply/policy settings
/// from the page. Start, restart and stop are serialised; the state directory (journal, sessions, pairing) is kept
/// across restarts.
/// </summary>
internal sealed class SandboxGateway(Func<SandboxSettings, GatewayHostSettings> compose) : IAsyncDisposable
{
    private static readonly TimeSpan ConnectPatience = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan ConnectPoll = TimeSpan.FromMilliseconds(25);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IHost? _host;

    public SandboxSettings Settings { get; private set; } = SandboxSettings.Default;

    public bool Running => _host is not null;

    /// <summary>The running gateway's services (null while it restarts).</summary>
    public IServiceProvider? Services => _host?.Services;

    public async Task StartAsync(SandboxSettings settings, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await StopCoreAsync(cancellationToken);
            var host = GatewayHost.Build(compose(settings));
            await host.StartAsync(cancellationToken);
            _host = host;
            Settings = settings;
            await WaitConnectedAsync(host.Services, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    // A message typed right after a (re)start must reach the bot: wait (bounded) until its Stream connection is up.
    // Not connecting in time is no error here; the page shows the connection state and the emulator redelivers.
    private static async Task WaitConnectedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var channel = services.GetRequiredService<DingTalkChannel>();
        var time = services.GetRequiredService<TimeProvider>();
        var deadline = time.GetUtcNow() + ConnectPatience;
        while (channel.Statuses.Any(s => s.State is not (StreamConnectionState.Connected or StreamConnectionState.Failed)) && time.GetUtcNow() < deadline)
        {
            await Task.Delay(ConnectPoll, time, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<PairingRequest>> PendingPairingsAsync(CancellationToken cancellationToken)
    {
        var services = Services;
        if (services is null)
        {
            return [];
        }

        var channel = services.GetRequiredService<DingTalkChannel>();
        var store = services.GetRequiredService<IPairingStore>();
        var time = services.GetRequiredService<TimeProvider>();
        var all = new List<PairingRequest>();
        foreach (var account in channel.Accounts)
        {
            all.AddRange(await store.ListPendingAsync(account.Id, time.GetUtcNow(), cancellationToken));
        }

        return all;
    }

    public async Task<string?> ApproveAsync(string code, CancellationToken cancellationToken)
    {
        var channel = Services?.GetRequiredService<DingTalkChannel>();
        return channel is null ? null : await channel.ApprovePairingAsync(channel.Accounts[0].Id, code, cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await StopCoreAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _gate.Dispose();
    }

    private async Task StopCoreAsync(CancellationToken cancellationToken)
    {
        if (_host is { } host)
        {
            _host = null;
            await host.StopAsync(cancellationToken);
            if (host is IAsyncDisposable asyncDisposable)
            {
                await asyncDisposable.DisposeAsync();
            }
            else
            {
                host.Dispose();
            }
        }
    }
}
