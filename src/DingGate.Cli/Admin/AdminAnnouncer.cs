using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;

namespace DingGate.Cli.Admin;

/// <summary>
/// Writes <c>admin.json</c> once the admin endpoint listens (the real port when 0 was asked) and removes it at stop,
/// only if it is still the one this instance wrote: a host that never announced (it failed to start) never deletes
/// another gateway's announcement.
/// </summary>
internal sealed class AdminAnnouncer(IServer server, IHostApplicationLifetime lifetime, AdminStatusBuilder status, AdminSettings settings) : IHostedService
{
    private CancellationTokenRegistration _started;

    public Uri? Url { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _started = lifetime.ApplicationStarted.Register(Announce);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _started.Dispose();
        if (Url is null)
        {
            return Task.CompletedTask;
        }

        var path = AdminAnnouncement.PathIn(settings.StateDirectory);
        if (AdminAnnouncement.ReadFrom(settings.StateDirectory) is { } current && current.Pid == Environment.ProcessId && current.Url == Url)
        {
            File.Delete(path);
        }

        return Task.CompletedTask;
    }

    private void Announce()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null)
        {
            return;
        }

        Url = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        new AdminAnnouncement(Url, Environment.ProcessId, status.StartedAt).WriteTo(settings.StateDirectory);
    }
}
