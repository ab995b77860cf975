using System.Threading.Channels;
using DingGate.Core.Cluster;
using Microsoft.Extensions.Logging;

namespace DingGate.Agent.Sessions.Cluster;

/// <summary>
/// Feeds <see cref="RemoteStops"/> (clustered gateways): listens for the stop signals (PostgreSQL LISTEN/NOTIFY; listens
/// again after <see cref="RelistenDelay"/> when the connection is lost), hands them over in order through a bounded
/// queue (the listener's thread only queues), and — the safety net for a lost signal — looks at the open requests every
/// <see cref="PollEvery"/> while a turn runs here. Three loops, owned by <see cref="RunAsync"/> and awaited by it; the
/// host runs it (<c>RemoteStopService</c>) and awaits it at stop.
/// </summary>
internal sealed partial class RemoteStopLoop(RemoteStops stops, TimeProvider time, ILogger<RemoteStopLoop> logger)
{
    /// <summary>How often the open requests are read while a turn runs here (a signal may have been missed).</summary>
    public static readonly TimeSpan PollEvery = TimeSpan.FromSeconds(1);

    /// <summary>How long after losing the listening connection it listens again.</summary>
    public static readonly TimeSpan RelistenDelay = TimeSpan.FromSeconds(2);

    private readonly Channel<StopSignal> _signals = Channel.CreateBounded<StopSignal>(
        new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the first listen is in place (or failed: the poll covers until the next one).</summary>
    public Task Listening => _listening.Task;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(ListenAsync(cancellationToken), HandleAsync(cancellationToken), PollAsync(cancellationToken));
        }
        finally
        {
            _listening.TrySetResult();
        }
    }

    private async Task ListenAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    await stops.Requests.ListenAsync(s => _signals.Writer.TryWrite(s), () => _listening.TrySetResult(), cancellationToken);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    LogListenFailed(ex);
                    _listening.TrySetResult();
                    await Task.Delay(RelistenDelay, time, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            _signals.Writer.TryComplete();
        }
    }

    private async Task HandleAsync(CancellationToken cancellationToken)
    {
        await foreach (var signal in _signals.Reader.ReadAllAsync(CancellationToken.None))
        {
            if (signal.Kind == StopSignalKind.Honoured)
            {
                stops.OnHonoured(signal.Id);
                continue;
            }

            await OnRequestedAsync(signal.Id, signal.AccountId, signal.SessionScope, cancellationToken);
        }
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(PollEvery, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                if (!stops.AnyRunning)
                {
                    continue;
                }

                try
                {
                    foreach (var request in await stops.Requests.ListOpenAsync(time.GetUtcNow(), cancellationToken))
                    {
                        await OnRequestedAsync(request.Id, request.AccountId, request.SessionScope, cancellationToken);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    LogPollFailed(ex);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    // A failing request never stops the loop: the requester then answers "nothing running" after its wait.
    private async Task OnRequestedAsync(string id, string accountId, string scope, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return;
        }

        try
        {
            await stops.OnRequestedAsync(id, accountId, scope, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogHonourFailed(id, ex);
        }
    }

    [LoggerMessage(EventId = 5124, Level = LogLevel.Warning, Message = "Listening for stop requests of other replicas failed; listening again shortly (the open requests are read every second meanwhile)")]
    private partial void LogListenFailed(Exception exception);

    [LoggerMessage(EventId = 5125, Level = LogLevel.Warning, Message = "Reading the open stop requests failed; trying again at the next tick")]
    private partial void LogPollFailed(Exception exception);

    [LoggerMessage(EventId = 5126, Level = LogLevel.Warning, Message = "Honouring stop request {RequestId} failed")]
    private partial void LogHonourFailed(string requestId, Exception exception);
}
