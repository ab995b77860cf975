using DingGate.Core.Inbound;
using DingGate.Core.Replies;
using DingGate.Core.Storage;
using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk.Replies;

/// <summary>
/// Wraps the strategy sink of one reply and keeps the books: on completion the journal entry becomes Answered (or
/// Failed when nothing could be delivered), the metrics and the per-reply debug line record the DingTalk calls by
/// kind. An interrupted reply leaves the entry unfinished (delivered or not), so it is answered again after the restart. Disposing an
/// uncompleted sink completes it as interrupted.
/// </summary>
internal sealed partial class TrackedReplySink(
    IReplySink inner, InboundMessage message, string messageKey, IInboundJournal journal, ReplyMetrics metrics, ILogger logger) : IReplySink
{
    private readonly long _started = metrics.Start();

    public CancellationToken StopRequested => inner.StopRequested;

    public bool IsCompleted => inner.IsCompleted;

    public ValueTask WriteAsync(ReplyUpdate update, CancellationToken cancellationToken) => inner.WriteAsync(update, cancellationToken);

    public async Task<ReplyOutcome> CompleteAsync(ReplyEnd end, string? note, CancellationToken cancellationToken)
    {
        var first = !inner.IsCompleted;
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
        if (outcome.End == ReplyEnd.Interrupted)
        {
            return outcome;
        }

        // A failed generation is Failed even though the user was told; Stopped is answered (the user asked for it).
        var state = outcome.Delivered && outcome.End != ReplyEnd.Failed ? InboundState.Answered : InboundState.Failed;
        var detail = outcome.Delivered ? $"{outcome.Mode} reply, {outcome.End}" + (note is null ? string.Empty : ": " + note) : "reply not delivered: " + outcome.Error;
        await journal.MarkAsync(message.AccountId, messageKey, state, detail, CancellationToken.None);
        return outcome;
    }

    public async ValueTask DisposeAsync()
    {
        if (!inner.IsCompleted)
        {
            await CompleteAsync(ReplyEnd.Interrupted, null, CancellationToken.None);
        }

        await inner.DisposeAsync();
    }

    [LoggerMessage(EventId = 2102, Level = LogLevel.Debug,
        Message = "Account {AccountId}: reply to {MessageId} as {Mode} ended {End}, delivered {Delivered}, fell back {FellBack}, {Messages} messages, {Calls} DingTalk calls ({CallsByKind})")]
    private static partial void LogReply(
        ILogger logger, string accountId, string messageId, ReplyMode mode, ReplyEnd end, bool delivered, bool fellBack, int messages, int calls, string callsByKind);
}
