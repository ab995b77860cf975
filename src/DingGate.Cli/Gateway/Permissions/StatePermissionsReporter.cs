using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DingGate.Cli.Gateway.Permissions;

/// <summary>Logs at start what <see cref="StatePermissions.Tighten"/> changed in the state directory (the first few paths one by one, then a count).</summary>
internal sealed partial class StatePermissionsReporter(StatePermissionsResult result, ILogger<StatePermissionsReporter> logger) : IHostedService
{
    private const int Listed = 20;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var change in result.Tightened.Take(Listed))
        {
            LogTightened(change.Path, PermissionChange.Octal(change.Before), PermissionChange.Octal(change.After));
        }

        if (result.Tightened.Count > Listed)
        {
            LogMoreTightened(result.Tightened.Count - Listed);
        }

        foreach (var (path, reason) in result.Failed)
        {
            LogNotTightened(path, reason);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
