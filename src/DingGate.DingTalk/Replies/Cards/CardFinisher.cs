using DingGate.Core.Replies;
using DingGate.Core.Storage;
using DingGate.Core.Texts;
using DingGate.DingTalk.Api;
using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk.Replies.Cards;

/// <summary>
/// The end of one created card, for <see cref="CardReplySink"/>: puts the whole answer on it and sets its final state
/// (<see cref="EndAsync"/>), keeping the open-card record in step so that a restart ends the card with that answer, or
/// gives the card up (<see cref="GiveUpAsync"/>, one best-effort FAILED update) when the answer must go as markdown.
/// Logs through the sink's logger; a failed open-card write goes to <paramref name="onStoreFailure"/>.
/// </summary>
internal sealed partial class CardFinisher(
    AiCardFlow flow, AiCardClient cards, IOpenCardStore store, string accountId, TimeProvider time, BotLocale locale, ILogger logger,
    Func<Exception, Task> onStoreFailure)
{
    /// <summary>Waits before the extra attempts to end a card (FINISHED/FAILED) that throttling or an outage refused.</summary>
    public static readonly TimeSpan[] EndRetryDelays = [TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10)];

    private string OutTrackId => flow.OutTrackId;

    // Puts the whole answer on a created card and ends it. Usually the final streaming update (isFinalize), then
    // FINISHED/FAILED (flowStatus templates). With flowStatus, when the streaming API is held shut by throttling (a
    // per-minute limit holds it up to a minute, and the turn its slot meanwhile), the card ends at once through
    // PUT /v1.0/card/instances, which carries the whole answer in the template key too (SDK-py's ai_finish does just that).
    // Failure: the final update failed and the card was given up (the answer then goes as markdown); EndFailure: the
    // answer is on the card but its end state was refused.
    public async Task<(Exception? Failure, Exception? EndFailure)> EndAsync(
        string answer, ReplyEnd end, string text, CancellationToken cancellationToken)
    {
        var failed = end == ReplyEnd.Failed;
        var triedInstances = false;
        if (flow.UsesFlowStatus && cards.StreamingThrottledUntil() is { } heldUntil)
        {
            LogEndingWithoutStreaming(logger, accountId, OutTrackId, heldUntil);
            triedInstances = true;
            if (await EndWithoutStreamingAsync(answer, end, cancellationToken))
            {
                return (null, null);
            }
        }

        try
        {
            try
            {
                // With flowStatus a final update that throttling refuses is dropped, not waited out (unless that way failed already).
                var dropWhenThrottled = flow.UsesFlowStatus && !triedInstances ? Task.CompletedTask : null;
                await flow.StreamAsync(answer, isFinalize: true, isError: failed, cancellationToken, dropWhenThrottled);
            }
            catch (ApiCallSupersededException)
            {
                var until = cards.StreamingThrottledUntil() ?? time.GetUtcNow();
                LogEndingWithoutStreaming(logger, accountId, OutTrackId, until);
                triedInstances = true;
                if (await EndWithoutStreamingAsync(answer, end, cancellationToken))
                {
                    return (null, null);
                }

                await flow.StreamAsync(answer, isFinalize: true, isError: failed, cancellationToken);
            }

            if (DeliveredState(end) is { } delivered)
            {
                // Delivered: from here on a restart ends the card with this answer and does not answer again.
                await StoreAsync(() => store.MarkAsync(accountId, OutTrackId, delivered, answer, time.GetUtcNow(), cancellationToken));
            }
        }
        catch (Exception ex) when (CardReplySink.IsCallFailure(ex, cancellationToken))
        {
            LogFinalizeFailed(logger, accountId, OutTrackId, ex.Message, ex);
            if (triedInstances && DeliveredState(end) is not null)
            {
                // Marked delivered before the FINISHED that failed: the answer goes as markdown now, so a restart must not end
                // the card with it too (as before that attempt, the card counts as created).
                await StoreAsync(() => store.MarkAsync(accountId, OutTrackId, OpenCardState.Created, null, time.GetUtcNow(), cancellationToken));
            }

            await GiveUpAsync(text, cancellationToken);
            return (ex, null);
        }

        return (null, await EndCardAsync(answer, failed, cancellationToken));
    }

    // Best effort: tell the user on the card (FAILED) that the answer follows as a message; its own failure changes nothing.
    public async Task GiveUpAsync(string text, CancellationToken cancellationToken)
    {
        try
        {
            await flow.FailAsync(CardNotes.GivenUp(text, locale), cancellationToken);
        }
        catch (Exception ex) when (CardReplySink.IsCallFailure(ex, cancellationToken))
        {
            LogGiveUpFailed(logger, accountId, OutTrackId, ex.Message);
        }
    }

    // FINISHED/FAILED with the whole answer through PUT /v1.0/card/instances, no final streaming update. The card is
    // recorded delivered BEFORE the call: a restart after it makes this very call (OpenCardRecovery ends a delivered card
    // with FINISHED/FAILED and its answer) and closes the message, so no crash can leave the answer unshown or given twice.
    // False (logged) when the card could not be ended this way; the caller then streams the answer as usual.
    private async Task<bool> EndWithoutStreamingAsync(string answer, ReplyEnd end, CancellationToken cancellationToken)
    {
        if (DeliveredState(end) is { } delivered)
        {
            await StoreAsync(() => store.MarkAsync(accountId, OutTrackId, delivered, answer, time.GetUtcNow(), cancellationToken));
        }

        if (await EndCardAsync(answer, end == ReplyEnd.Failed, cancellationToken) is not { } endFailure)
        {
            return true;
        }

        LogEndWithoutStreamingFailed(logger, accountId, OutTrackId, endFailure.Message);
        return false;
    }

    // The open-card state once the whole answer is shown; null for an interrupted reply (its message is answered again).
    private static OpenCardState? DeliveredState(ReplyEnd end) => end switch
    {
        ReplyEnd.Interrupted => null,
        ReplyEnd.Failed => OpenCardState.DeliveredAsFailure,
        _ => OpenCardState.Delivered,
    };

    // FINISHED/FAILED (flowStatus templates; nothing otherwise). Throttling, 5xx and network failures, which the api
    // client already retried, are tried again after each of EndRetryDelays. Null when it worked, else the last failure.
    private async Task<Exception?> EndCardAsync(string answer, bool failed, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await flow.EndAsync(answer, failed, cancellationToken);
                return null;
            }
            catch (Exception ex) when (CardReplySink.IsCallFailure(ex, cancellationToken))
            {
                if (attempt >= EndRetryDelays.Length || !CardModeGate.IsThrottlingOrServerError(ex))
                {
                    LogEndFailed(logger, accountId, OutTrackId, attempt + 1, ex.Message, ex);
                    return ex;
                }

                await Task.Delay(EndRetryDelays[attempt], time, cancellationToken);
            }
        }
    }

    private async Task StoreAsync(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await onStoreFailure(ex);
        }
    }
}
