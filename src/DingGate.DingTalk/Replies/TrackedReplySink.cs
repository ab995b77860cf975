using DingGate.Core.Inbound;
using DingGate.Core.Replies;
using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk.Replies;

/// <summary>
/// Wraps the strategy sink of one reply and keeps the books: on completion the journal entry becomes Answered (or
/// Failed when nothing could be delivered) unless the strategy sink already closed it through the shared
/// <see cref="ReplyJournalBook"/> (markdown closes it as soon as the last part is accepted); the metrics and the
/// per-reply debug line record the DingTalk calls by kind. An interrupted reply leaves the entry unfinished (delivered
/// or not), so it is answered again after the restart. Disposing an uncompleted sink completes it as interrupted.
/// </summary>
internal sealed partial class TrackedReplySink(
    IReplySink inner, InboundMessage message, ReplyJournalBook book, ReplyMetrics metrics, ILogger logger, OpenReplies? open = null) : IReplySink, IAbandonableReplySink
{
    private readonly long _started = metrics.Start();
    private int _closed;

    public CancellationToken StopRequested => inner.StopRequested;

    public bool IsCompleted => inner.IsCompleted;

    public ValueTask WriteAsync(ReplyUpdate update, CancellationToken cancellationToken) => inner.WriteAsync(update, cancellationToken);

    public async Task<ReplyOutcome> CompleteAsync(ReplyEnd end, string? note, CancellationToken cancellationToken)
    {
        var first = !inner.IsCompleted;
        try
        {
            return await CompleteCoreAsync(first, end, note, cancellationToken);
        }
        finally
        {
            if (first)
            {
                Close();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!inner.IsCompleted)
            {
                await CompleteAsync(ReplyEnd.Interrupted, null, CancellationToken.None);
            }

            await inner.DisposeAsync();
        }
        finally
        {
            Close();
        }
    }

    /// <summary>Drops the reply (clustered, taken over): the strategy sends nothing more and the books stay open.</summary>
    public async Task AbandonAsync()
    {
        try
        {
            await (inner is IAbandonableReplySink abandonable ? abandonable.AbandonAsync() : inner.DisposeAsync().AsTask());
        }
        finally
        {
            Close();
        }
    }

    // Counted once as finished (completed or disposed, whichever comes first).
    private void Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            open?.Closed();
        }
    }

    private async Task<ReplyOutcome> CompleteCoreAsync(bool first, ReplyEnd end, string? note, CancellationToken cancellationToken)
    {
        var outcome = await inner.CompleteAsync(end, note, cancellationToken);
        if (!first)
        {
            return outcome;
        }

        metrics.Record(message.AccountId, outcome, _started);
        if (logger.IsEnabled(LogLevel.Debug))
        {
            var byKind = string.Join(", ", outcome.ApiCalls.Select(p => p.Key + "=" + p.Value));
            LogReply(logger, message.AccountId, message.MessageId, outcome.Mode, outcome.End, outcome.Delivered, outcome.FellBack, outcome.Messages,
                outcome.TotalApiCalls, byKind);
        }

        // Interrupted (stop or crash): the message was not answered, whether or not the note reached the user (the
        // HTTP client may already be gone when a dying host completes its sinks); the restart answers it.
        await book.CloseAsync(outcome, note);
        return outcome;
    }

    [LoggerMessage(EventId = 2102, Level = LogLevel.Debug,
        Message = "Account {AccountId}: reply to {MessageId} as {Mode} ended {End}, delivered {Delivered}, fell back {FellBack}, {Messages} messages, {Calls} DingTalk calls ({CallsByKind})")]
    private static partial void LogReply(
        ILogger logger, string accountId, string messageId, ReplyMode mode, ReplyEnd end, bool delivered, bool fellBack, int messages, int calls, string callsByKind);
}
