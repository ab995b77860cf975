using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DingGate.Cli.Gateway.Reload;

/// <summary>
/// Watches the gateway's config file for the life of the host: a <see cref="FileSystemWatcher"/> on its directory
/// (editors save by writing a new file and renaming it over the old one) and, as the fallback for file systems
/// without change events (network mounts, some containers), a look every <see cref="PollInterval"/> on the host's
/// <see cref="TimeProvider"/>. A burst of events is one reload after <see cref="Debounce"/>. Each look is a
/// <see cref="ConfigReloader.ReloadIfChangedAsync"/>; one that fails is logged and the watcher goes on.
/// </summary>
internal sealed partial class ConfigWatcher(ConfigReloader reloader, TimeProvider time, ILogger<ConfigWatcher> logger) : BackgroundService
{
    /// <summary>How often the file is looked at when no change event came.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

    /// <summary>Quiet time after a change event before the file is read (an editor's save is several events).</summary>
    public static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(300);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
        using var events = Watch(signal.Writer);
        LogWatching(logger, reloader.Path, events is not null, (int)PollInterval.TotalSeconds);
        try
        {
            await Task.WhenAll(PollAsync(signal.Writer, stoppingToken), ReloadAsync(signal.Reader, stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host stops.
        }
    }

    private async Task PollAsync(ChannelWriter<bool> signal, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(PollInterval, time);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            signal.TryWrite(true);
        }
    }

    private async Task ReloadAsync(ChannelReader<bool> signal, CancellationToken cancellationToken)
    {
        while (await signal.WaitToReadAsync(cancellationToken))
        {
            await Task.Delay(Debounce, time, cancellationToken);
            while (signal.TryRead(out _))
            {
                // One reload for the whole burst.
            }

            try
            {
                await reloader.ReloadIfChangedAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogReloadFailed(logger, reloader.Path, ex);
            }
        }
    }

    // Change events of the file (written, created, renamed onto); null when the platform refuses a watcher (polling only).
    private FileSystemWatcher? Watch(ChannelWriter<bool> signal)
    {
        var directory = Path.GetDirectoryName(reloader.Path);
        if (string.IsNullOrEmpty(directory) || !Directory.Exists(directory))
        {
            return null;
        }

        try
        {
            var watcher = new FileSystemWatcher(directory, Path.GetFileName(reloader.Path))
            {
                NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.CreationTime,
                IncludeSubdirectories = false,
            };
            watcher.Changed += (_, _) => signal.TryWrite(true);
            watcher.Created += (_, _) => signal.TryWrite(true);
            watcher.Renamed += (_, _) => signal.TryWrite(true);
            watcher.Deleted += (_, _) => signal.TryWrite(true);
            watcher.Error += (_, e) => LogWatcherError(logger, reloader.Path, e.GetException().Message);
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or PlatformNotSupportedException or UnauthorizedAccessException)
        {
            LogWatcherError(logger, reloader.Path, ex.Message);
            return null;
        }
    }

    [LoggerMessage(EventId = 6411, Level = LogLevel.Information,
        Message = "Watching {Path} for changes (change events: {Events}; also every {PollSeconds} s); a valid edit applies without a restart")]
    private static partial void LogWatching(ILogger logger, string path, bool events, int pollSeconds);

    [LoggerMessage(EventId = 6412, Level = LogLevel.Error, Message = "Config reload of {Path} failed; the running configuration is kept")]
    private static partial void LogReloadFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 6413, Level = LogLevel.Warning, Message = "Change events for {Path} are unavailable ({Reason}); it is still looked at periodically")]
    private static partial void LogWatcherError(ILogger logger, string path, string reason);
}
