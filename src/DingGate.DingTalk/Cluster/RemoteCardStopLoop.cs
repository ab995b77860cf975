using System.Threading.Channels;
using DingGate.Core.Cluster;
using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk.Cluster;

/// <summary>
/// Runs <see cref="RemoteCardStops"/> (clustered gateways): records the queued clicks, listens for the stop signals
/// (PostgreSQL LISTEN/NOTIFY, the channel of the turns' <c>/stop</c>; listens again after <see cref="RelistenDelay"/>
/// when the connection is lost) and hands them over in order through a bounded queue (the listener's thread only
/// queues), and — the safety net for a lost signal — reads the open requests every <see cref="PollEvery"/> while a card
/// streams here. Four loops, owned by <see cref="RunAsync"/> and awaited by it; <c>DingTalkChannel.RunAsync</c> runs it
/// for as long as the accounts run.
/// </summary>
internal sealed partial class RemoteCardStopLoop(RemoteCardStops stops, ILogger<RemoteCardStopLoop> logger)
{
    /// <summary>How often the open requests are read while a card streams here (a signal may have been missed).</summary>
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
            await Task.WhenAll(SendAsync(cancellationToken), ListenAsync(cancellationToken), HandleAsync(cancellationToken), PollAsync(cancellationToken));
        }
        finally
        {
            _listening.TrySetResult();
        }
    }

    private async Task SendAsync(CancellationToken cancellationToken)
    {
        using var complete = cancellationToken.Register(stops.Complete);
        await foreach (var click in stops.Clicks.ReadAllAsync(CancellationToken.None))
        {
            if (cancellationToken.IsCancellationRequested)
            {
                continue; // Stopping: what is left is dropped (a click has no answer to owe).
            }

            try
            {
                await stops.RecordAsync(click, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogRecordFailed(click.AccountId, click.OutTrackId, ex);
            }
            catch (OperationCanceledException)
            {
                // Stopping.
            }
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
                    await Task.Delay(RelistenDelay, stops.Time, cancellationToken);
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
            if (signal.Kind == StopSignalKind.Requested)
            {
                await OnRequestedAsync(signal.Id, signal.AccountId, signal.SessionScope, signalled: true, cancellationToken);
            }
        }
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(PollEvery, stops.Time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                if (!stops.AnyStreaming)
                {
                    continue;
                }

                try
                {
                    foreach (var request in await stops.Requests.ListOpenAsync(stops.Time.GetUtcNow(), cancellationToken))
                    {
                        await OnRequestedAsync(request.Id, request.AccountId, request.SessionScope, signalled: false, cancellationToken);
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

    // A failing request never stops the loop: the click is then lost (the user can click again).
    private async Task OnRequestedAsync(string id, string accountId, string scope, bool signalled, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return;
        }

        try
        {
            await stops.OnRequestedAsync(id, accountId, scope, signalled, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogHonourFailed(id, ex);
        }
    }

    [LoggerMessage(EventId = 1711, Level = LogLevel.Warning, Message = "Account {AccountId}: sending the stop click on card {OutTrackId} to the other replicas failed")]
    private partial void LogRecordFailed(string accountId, string outTrackId, Exception exception);

    [LoggerMessage(EventId = 1712, Level = LogLevel.Warning, Message = "Listening for card stop requests of other replicas failed; listening again shortly (the open requests are read every second meanwhile)")]
    private partial void LogListenFailed(Exception exception);

    [LoggerMessage(EventId = 1713, Level = LogLevel.Warning, Message = "Reading the open card stop requests failed; trying again at the next tick")]
    private partial void LogPollFailed(Exception exception);

    [LoggerMessage(EventId = 1714, Level = LogLevel.Warning, Message = "Honouring card stop request {RequestId} failed")]
    private partial void LogHonourFailed(string requestId, Exception exception);
}
