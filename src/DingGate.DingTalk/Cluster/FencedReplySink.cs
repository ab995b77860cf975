using DingGate.Core.Replies;
using DingGate.DingTalk.Replies;

namespace DingGate.DingTalk.Cluster;

/// <summary>
/// A clustered replica's reply, fenced (issue 17): registered in <see cref="HeldTurns"/> while it runs; when
/// <see cref="LeaseRenewal"/> finds that another replica took its journal entry over, or the outbox's fence refuses a
/// part (<see cref="ReplyLeaseLostException"/>), the writer is told to stop (<see cref="StopRequested"/>), writes are
/// dropped, and the reply is abandoned: no answer, no note, no card finalize, no journal write — the new owner answers.
/// </summary>
internal sealed class FencedReplySink : IReplySink
{
    private readonly TrackedReplySink _inner;
    private readonly HeldTurn _turn;
    private readonly CancellationTokenSource _stop;
    private readonly SemaphoreSlim _ending = new(1, 1);
    private ReplyOutcome? _abandoned;
    private bool _disposed;

    public FencedReplySink(TrackedReplySink inner, HeldTurn turn)
    {
        _inner = inner;
        _turn = turn;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(inner.StopRequested, turn.Lost);
        StopRequested = _stop.Token;
    }

    public CancellationToken StopRequested { get; }

    public bool IsCompleted => Volatile.Read(ref _abandoned) is not null || _inner.IsCompleted;

    public ValueTask WriteAsync(ReplyUpdate update, CancellationToken cancellationToken) =>
        _turn.IsFenced || Volatile.Read(ref _abandoned) is not null ? ValueTask.CompletedTask : _inner.WriteAsync(update, cancellationToken);

    public async Task<ReplyOutcome> CompleteAsync(ReplyEnd end, string? note, CancellationToken cancellationToken)
    {
        if (_turn.IsFenced)
        {
            return await AbandonAsync();
        }

        try
        {
            return await _inner.CompleteAsync(end, note, cancellationToken);
        }
        catch (ReplyLeaseLostException)
        {
            _turn.Fence();
            return await AbandonAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _ending.WaitAsync(CancellationToken.None);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }
        finally
        {
            _ending.Release();
        }

        try
        {
            if (_turn.IsFenced)
            {
                await AbandonAsync();
            }
            else if (Volatile.Read(ref _abandoned) is null)
            {
                try
                {
                    await _inner.DisposeAsync();
                }
                catch (ReplyLeaseLostException)
                {
                    // The interrupted note of a dying turn was refused by the fence: drop the rest as well.
                    _turn.Fence();
                    await AbandonAsync();
                }
            }
        }
        finally
        {
            _turn.Dispose();
            _stop.Dispose();
            _ending.Dispose();
        }
    }

    private async Task<ReplyOutcome> AbandonAsync()
    {
        await _ending.WaitAsync(CancellationToken.None);
        try
        {
            if (_abandoned is { } done)
            {
                return done;
            }

            await _inner.AbandonAsync();
            var outcome = new ReplyOutcome
            {
                End = ReplyEnd.Interrupted, Delivered = false, Mode = ReplyMode.Markdown, Error = "another replica took the message over",
            };
            Volatile.Write(ref _abandoned, outcome);
            return outcome;
        }
        finally
        {
            _ending.Release();
        }
    }
}
