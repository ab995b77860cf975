using DingGate.Core.Replies;
using DingGate.Core.Sessions;
using DingGate.Core.Texts;
using Microsoft.Extensions.Logging;

namespace DingGate.Agent.Sessions;

/// <summary>
/// Serialises the turns of each session (FIFO, one at a time) while different sessions run in parallel, up to
/// <see cref="SessionOptions.MaxConcurrentTurns"/> at once. A session holds at most <see cref="SessionOptions.QueueDepth"/>
/// waiting messages; one more gets the busy reply at once. Each active session has one worker task owned by the queue
/// and awaited by <see cref="StopAsync"/>: running turns are cancelled only when the stop deadline passes, waiting ones
/// are completed as interrupted (the channel answers them again after the restart).
/// </summary>
internal sealed partial class SessionQueue(SessionOptions options, ISessionTurnRunner runner, ILogger<SessionQueue> logger, AccountLocales? locales = null)
    : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<SessionKey, SessionLane> _lanes = [];
    private readonly HashSet<Task> _workers = [];
    private readonly SemaphoreSlim _slots = new(options.MaxConcurrentTurns, options.MaxConcurrentTurns);
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _abort = new();
    private bool _stopped;

    /// <summary>Queues <paramref name="turn"/> behind its session's work; over the depth it answers busy at once.</summary>
    public async Task<EnqueueResult> EnqueueAsync(QueuedTurn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        EnqueueResult result;
        lock (_lock)
        {
            if (_stopped)
            {
                result = EnqueueResult.Interrupted;
            }
            else if (!_lanes.TryGetValue(turn.Key, out var lane))
            {
                lane = new SessionLane();
                lane.Pending.Enqueue(turn);
                _lanes.Add(turn.Key, lane);
                _workers.RemoveWhere(t => t.IsCompleted);
                lane.Worker = Task.Run(() => DrainAsync(turn.Key, lane), CancellationToken.None);
                _workers.Add(lane.Worker);
                result = EnqueueResult.Queued;
            }
            else if (lane.Pending.Count >= options.QueueDepth)
            {
                result = EnqueueResult.Busy;
            }
            else
            {
                lane.Pending.Enqueue(turn);
                result = EnqueueResult.Queued;
            }
        }

        switch (result)
        {
            case EnqueueResult.Busy:
                LogBusy(logger, turn.Key, turn.Message.MessageId, options.QueueDepth);
                await AnswerBusyAsync(turn.Reply, turn.Message.AccountId, cancellationToken);
                break;
            case EnqueueResult.Interrupted:
                await InterruptAsync(turn.Reply);
                break;
        }

        return result;
    }

    /// <summary>Cancels the running turn of <paramref name="key"/>; false when none runs. Waiting turns stay queued.</summary>
    public bool StopRunning(SessionKey key)
    {
        lock (_lock)
        {
            if (_lanes.TryGetValue(key, out var lane) && lane.CurrentStop is { } stop)
            {
                stop.Cancel();
                return true;
            }

            return false;
        }
    }

    /// <summary>Whether a turn of <paramref name="key"/> runs now.</summary>
    public bool IsRunning(SessionKey key)
    {
        lock (_lock)
        {
            return _lanes.TryGetValue(key, out var lane) && lane.CurrentStop is not null;
        }
    }

    /// <summary>Whether a turn of <paramref name="key"/> runs and how many wait.</summary>
    public SessionQueueState GetState(SessionKey key)
    {
        lock (_lock)
        {
            return _lanes.TryGetValue(key, out var lane)
                ? new SessionQueueState(lane.Current is not null, lane.Pending.Count)
                : new SessionQueueState(false, 0);
        }
    }

    /// <summary>How many turns run now, across every session (status and the replica heartbeat show it).</summary>
    public int RunningTurns
    {
        get
        {
            lock (_lock)
            {
                return _lanes.Values.Count(l => l.Current is not null);
            }
        }
    }

    /// <summary>
    /// Stops taking work, completes waiting turns as interrupted and waits for running ones; when
    /// <paramref name="cancellationToken"/> fires (the stop deadline) running turns are cancelled and then awaited.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        List<QueuedTurn> pending = [];
        Task[] workers;
        bool first;
        lock (_lock)
        {
            first = !_stopped;
            _stopped = true;
            foreach (var lane in _lanes.Values)
            {
                pending.AddRange(lane.Pending);
                lane.Pending.Clear();
            }

            workers = [.. _workers];
        }

        await _stopping.CancelAsync();
        if (first)
        {
            LogStopping(logger, workers.Length, pending.Count);
        }
        foreach (var turn in pending)
        {
            await InterruptAsync(turn.Reply);
        }

        var all = Task.WhenAll(workers);
        using (cancellationToken.Register(() => _abort.Cancel()))
        {
            await all;
        }
    }

    /// <summary>Stops at once: waiting turns interrupted, running turns cancelled, workers awaited.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(new CancellationToken(canceled: true));
        _slots.Dispose();
        _stopping.Dispose();
        _abort.Dispose();
    }

    private async Task DrainAsync(SessionKey key, SessionLane lane)
    {
        while (true)
        {
            try
            {
                await _slots.WaitAsync(_stopping.Token);
            }
            catch (OperationCanceledException)
            {
                Leave(key, lane);
                return;
            }

            QueuedTurn? turn;
            CancellationTokenSource stop;
            lock (_lock)
            {
                if (!lane.Pending.TryDequeue(out turn))
                {
                    _lanes.Remove(key);
                    _slots.Release();
                    return;
                }

                stop = new CancellationTokenSource();
                lane.Current = turn;
                lane.CurrentStop = stop;
            }

            try
            {
                await RunTurnAsync(turn, stop.Token);
            }
            finally
            {
                lock (_lock)
                {
                    lane.Current = null;
                    lane.CurrentStop = null;
                }

                stop.Dispose();
                _slots.Release();
            }
        }
    }

    // A failing turn never stops the session's worker: the sink is completed (failed or interrupted) and disposed.
    private async Task RunTurnAsync(QueuedTurn turn, CancellationToken stopToken)
    {
        try
        {
            await runner.RunAsync(turn, stopToken, _abort.Token);
        }
        catch (Exception ex)
        {
            LogTurnCrashed(logger, turn.Key, turn.Message.MessageId, ex);
        }

        try
        {
            if (!turn.Reply.IsCompleted)
            {
                var end = _abort.IsCancellationRequested ? ReplyEnd.Interrupted : ReplyEnd.Failed;
                await turn.Reply.CompleteAsync(end, end == ReplyEnd.Failed ? SessionTexts.InternalError.For(LocaleOf(turn.Message.AccountId)) : null, CancellationToken.None);
            }

            await turn.Reply.DisposeAsync();
        }
        catch (Exception ex)
        {
            LogReplyFailed(logger, turn.Key, turn.Message.MessageId, ex);
        }
    }

    private void Leave(SessionKey key, SessionLane lane)
    {
        lock (_lock)
        {
            if (_lanes.TryGetValue(key, out var current) && ReferenceEquals(current, lane))
            {
                _lanes.Remove(key);
            }
        }
    }

    private BotLocale LocaleOf(string accountId) => locales?.For(accountId) ?? BotLocales.Default;

    private async Task AnswerBusyAsync(IReplySink reply, string accountId, CancellationToken cancellationToken)
    {
        await using (reply)
        {
            await reply.WriteAsync(new ReplyTextDelta(SessionTexts.Busy.For(LocaleOf(accountId))), cancellationToken);
            await reply.CompleteAsync(ReplyEnd.Finished, null, cancellationToken);
        }
    }

    private static async Task InterruptAsync(IReplySink reply)
    {
        await using (reply)
        {
            await reply.CompleteAsync(ReplyEnd.Interrupted, null, CancellationToken.None);
        }
    }
}
