using Microsoft.Extensions.Hosting;

namespace DingGate.Emulator.Stream;

/// <summary>
/// Ends every Stream socket and push timer when the host stops, so Kestrel does not wait for open WebSocket requests.
/// Hooked to <see cref="IHostApplicationLifetime.ApplicationStopping"/>, which fires before the server drains.
/// </summary>
internal sealed class StreamShutdownService(StreamHub hub, IHostApplicationLifetime lifetime) : IHostedService
{
    private CancellationTokenRegistration _registration;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _registration = lifetime.ApplicationStopping.Register(hub.Dispose);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _registration.DisposeAsync();
        hub.Dispose();
    }
}
