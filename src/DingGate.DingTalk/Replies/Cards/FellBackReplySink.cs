using DingGate.Core.Replies;

namespace DingGate.DingTalk.Replies.Cards;

/// <summary>
/// The markdown sink used when card mode was configured but not possible for this reply (degraded account, external
/// sender without staff id in a 1:1 chat): the outcome says <see cref="ReplyOutcome.FellBack"/>.
/// </summary>
internal sealed class FellBackReplySink(IReplySink inner) : IReplySink, IAbandonableReplySink
{
    public CancellationToken StopRequested => inner.StopRequested;

    public bool IsCompleted => inner.IsCompleted;

    public ValueTask WriteAsync(ReplyUpdate update, CancellationToken cancellationToken) => inner.WriteAsync(update, cancellationToken);

    public async Task<ReplyOutcome> CompleteAsync(ReplyEnd end, string? note, CancellationToken cancellationToken) =>
        await inner.CompleteAsync(end, note, cancellationToken) with { FellBack = true };

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    public Task AbandonAsync() => inner is IAbandonableReplySink abandonable ? abandonable.AbandonAsync() : inner.DisposeAsync().AsTask();
}
