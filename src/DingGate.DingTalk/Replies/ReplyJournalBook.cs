using DingGate.Core.Replies;
using DingGate.Core.Storage;

namespace DingGate.DingTalk.Replies;

/// <summary>
/// Closes one message's journal entry once: the strategy sink closes it the moment the answer's last part is accepted
/// (before the thinking indicator is taken back and follow-up files wait in the rate limiter, so a crash there does not
/// answer it again), and <see cref="TrackedReplySink"/> closes it on completion if the sink did not. An interrupted
/// reply leaves the entry unfinished (the restart answers it).
/// </summary>
internal sealed class ReplyJournalBook(IInboundJournal journal, string accountId, string messageKey)
{
    private int _closed;

    public bool IsClosed => Volatile.Read(ref _closed) == 1;

    public async Task CloseAsync(ReplyOutcome outcome, string? note)
    {
        if (outcome.End == ReplyEnd.Interrupted || Interlocked.Exchange(ref _closed, 1) == 1)
        {
            return;
        }

        // A failed generation is Failed even though the user was told; Stopped is answered (the user asked for it).
        var state = outcome.Delivered && outcome.End != ReplyEnd.Failed ? InboundState.Answered : InboundState.Failed;
        var detail = outcome.Delivered
            ? $"{outcome.Mode} reply, {outcome.End}" + (note is null ? string.Empty : ": " + note) + (outcome.Error is null ? string.Empty : " (" + outcome.Error + ")")
            : "reply not delivered: " + outcome.Error;
        await journal.MarkAsync(accountId, messageKey, state, detail, CancellationToken.None);
    }
}
