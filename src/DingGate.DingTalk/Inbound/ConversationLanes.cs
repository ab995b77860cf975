using System.Runtime.ExceptionServices;

namespace DingGate.DingTalk.Inbound;

/// <summary>
/// Runs the inbound work of one account per conversation: the items of one lane (a conversation) one after the other
/// in the order they were enqueued, different lanes in parallel. Bounded: at most
/// <see cref="InboundLaneOptions.MaxParallel"/> items run at once, and at most <see cref="InboundLaneOptions.MaxBuffered"/>
/// items are accepted but not finished (<see cref="EnqueueAsync"/> waits for room, which backs up into the stream's
/// bounded delivery channel). One worker task per busy lane, owned here and awaited by <see cref="CompleteAsync"/>:
/// none outlives it. A worker that fails (the work itself catches what it can; what escapes is a store failure) stops
/// every lane and <see cref="CompleteAsync"/> rethrows it, as the one-at-a-time loop did.
/// </summary>
internal sealed class ConversationLanes<T> : IDisposable
{
    private readonly Func<T, CancellationToken, Task> _process;
    private readonly Func<T, CancellationToken, Task>? _beforeRun;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Queue<T>> _lanes = new(StringComparer.Ordinal);
    private readonly HashSet<Task> _workers = [];
    private readonly SemaphoreSlim _running;
    private readonly SemaphoreSlim _room;
    private readonly CancellationTokenSource _stopping;
    private Exception? _fault;

    /// <summary>
    /// <paramref name="beforeRun"/> (optional) runs in the item's lane, in order, before the item takes one of the
    /// <see cref="InboundLaneOptions.MaxParallel"/> slots: a wait there (replicas: an earlier message of the conversation
    /// another replica is answering) holds its lane, never a slot other conversations need — with the wait inside the
    /// work, two replicas whose slots all waited for each other's messages stopped answering altogether.
    /// </summary>
    public ConversationLanes(
        InboundLaneOptions options, Func<T, CancellationToken, Task> process, CancellationToken cancellationToken, Func<T, CancellationToken, Task>? beforeRun = null)
    {
        _beforeRun = beforeRun;
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxParallel, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBuffered, 1);
        _process = process;
        _running = new SemaphoreSlim(options.MaxParallel, options.MaxParallel);
        _room = new SemaphoreSlim(options.MaxBuffered, options.MaxBuffered);
        _stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    }

    /// <summary>Cancelled when the caller's token is, or when a worker failed: stop feeding work.</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>Queues <paramref name="item"/> behind the unfinished items of <paramref name="lane"/>; waits while the buffer is full.</summary>
    public async Task EnqueueAsync(string lane, T item)
    {
        await _room.WaitAsync(_stopping.Token).ConfigureAwait(false);
        lock (_lock)
        {
            if (_lanes.TryGetValue(lane, out var queue))
            {
                queue.Enqueue(item);
                return;
            }

            queue = new Queue<T>();
            queue.Enqueue(item);
            _lanes.Add(lane, queue);
            _workers.RemoveWhere(t => t.IsCompleted);
            _workers.Add(Task.Run(() => DrainAsync(lane, queue), CancellationToken.None));
        }
    }

    /// <summary>Waits until every lane is drained (or stopped) and every worker has ended; rethrows a worker's failure.</summary>
    public async Task CompleteAsync()
    {
        while (true)
        {
            Task[] workers;
            lock (_lock)
            {
                _workers.RemoveWhere(t => t.IsCompleted);
                workers = [.. _workers];
            }

            if (workers.Length == 0)
            {
                break;
            }

            await Task.WhenAll(workers).ConfigureAwait(false);
        }

        if (Volatile.Read(ref _fault) is { } fault)
        {
            ExceptionDispatchInfo.Throw(fault);
        }
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _running.Dispose();
        _room.Dispose();
    }

    private async Task DrainAsync(string lane, Queue<T> queue)
    {
        try
        {
            while (true)
            {
                T item;
                lock (_lock)
                {
                    if (!queue.TryDequeue(out item!))
                    {
                        _lanes.Remove(lane);
                        return;
                    }
                }

                if (_beforeRun is not null)
                {
                    await _beforeRun(item, _stopping.Token).ConfigureAwait(false);
                }

                await _running.WaitAsync(_stopping.Token).ConfigureAwait(false);
                try
                {
                    await _process(item, _stopping.Token).ConfigureAwait(false);
                }
                finally
                {
                    _running.Release();
                    _room.Release();
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Stopping: what is still queued stays unfinished in the journal and is resumed at the next start.
            Forget(lane);
        }
        catch (Exception ex)
        {
            Interlocked.CompareExchange(ref _fault, ex, null);
            Forget(lane);
            await _stopping.CancelAsync().ConfigureAwait(false);
        }
    }

    private void Forget(string lane)
    {
        lock (_lock)
        {
            _lanes.Remove(lane);
        }
    }
}
