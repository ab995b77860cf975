using DingGate.Core.Configuration;
using DingGate.Core.Replies;
using DingGate.Core.Storage;
using DingGate.DingTalk.Api;
using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk.Replies.Cards;

/// <summary>
/// At account start, deals with the cards a previous run left open (crash, restart, or an end DingTalk refused),
/// by how far each got (<see cref="OpenCard.State"/>):
/// <list type="bullet">
/// <item>Answer delivered (the final streaming update was accepted): the journal entry is closed if a crash left it
/// open (so the message is not answered again) and the card gets just its final state, FINISHED ("3") or FAILED
/// ("5") with the whole answer, no note.</item>
/// <item>Not delivered, and its message is answered again by this start (journal entry unfinished): left open and
/// offered to <see cref="ResumableCards"/>, so the resumed answer streams into the same card. The ones no resumed
/// reply claimed are ended by <see cref="EndUnclaimedAsync(CancellationToken)"/> after the resume.</item>
/// <item>Otherwise: what it last showed plus the "interrupted" note in one final streaming update and, with flowStatus
/// (<see cref="DingTalkAccount.UsesCardFlowStatus"/>), FINISHED ("3") with the same content. FINISHED rather than
/// FAILED: the official clients end an aborted or stopped answer as FINISHED with the text it has (DingTalk's
/// connector <c>finishAICard</c>, the OpenClaw plugin's abort path) and keep FAILED for an answer that failed.</item>
/// </list>
/// A card DingTalk no longer accepts updates for (4xx: unknown, already finished) is forgotten; on throttling, 5xx or
/// network errors it is kept for the next start. Bounded by <see cref="Budget"/> and never throws (but for
/// cancellation of the caller's token it returns too): the account starts whatever happens here. Without a journal
/// and <see cref="ResumableCards"/> nothing is left for a resume.
/// </summary>
internal sealed partial class OpenCardRecovery(
    DingTalkAccount account, AiCardClient cards, IOpenCardStore store, TimeProvider time, ILogger<OpenCardRecovery> logger, TimeSpan? budget = null,
    IInboundJournal? journal = null, ResumableCards? resumable = null, LiveAccount? live = null)
{
    /// <summary>How long a start may spend on old cards (API retries included) before the rest is left for next time.</summary>
    public static readonly TimeSpan DefaultBudget = TimeSpan.FromSeconds(20);

    public TimeSpan Budget { get; } = budget ?? DefaultBudget;

    public Task<OpenCardRecoveryResult> RecoverAsync(CancellationToken cancellationToken) => RecoverAsync(null, cancellationToken);

    /// <summary>
    /// As <see cref="RecoverAsync(CancellationToken)"/>, limited to <paramref name="scope"/> when given (a clustered
    /// replica: only the cards of the messages it claimed, and orphans; never a live replica's streaming card).
    /// </summary>
    public async Task<OpenCardRecoveryResult> RecoverAsync(Cluster.TakeoverScope? scope, CancellationToken cancellationToken)
    {
        IReadOnlyList<OpenCard> open;
        try
        {
            open = await store.ListAsync(account.Id, cancellationToken);
            if (scope is not null)
            {
                open = await InScopeAsync(open, scope, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new OpenCardRecoveryResult(0, 0, 0);
        }
        catch (Exception ex)
        {
            LogListFailed(logger, ex, account.Id);
            return new OpenCardRecoveryResult(0, 0, 0);
        }

        var toEnd = new List<OpenCard>();
        foreach (var card in open)
        {
            if (IsDelivered(card) || resumable is null || !await WillBeAnsweredAgainAsync(card, cancellationToken))
            {
                toEnd.Add(card);
            }
            else if (resumable.Offer(card) is { } displaced)
            {
                toEnd.Add(displaced);
            }
        }

        var resumed = resumable?.Count ?? 0;
        if (resumed > 0)
        {
            LogLeftForResume(logger, account.Id, resumed);
        }

        return await EndAllAsync(toEnd, cancellationToken) with { Resumed = resumed };
    }

    /// <summary>After the journal was resumed: ends (with the interrupted note) the cards left for a resume that no resumed reply took.</summary>
    public Task<OpenCardRecoveryResult> EndUnclaimedAsync(CancellationToken cancellationToken) =>
        resumable is null ? Task.FromResult(new OpenCardRecoveryResult(0, 0, 0)) : EndAllAsync(resumable.TakeAll(), cancellationToken);

    /// <summary>After a clustered takeover ran its messages: ends the cards left for those messages that no resumed reply took.</summary>
    public Task<OpenCardRecoveryResult> EndUnclaimedAsync(IReadOnlySet<string> messageKeys, CancellationToken cancellationToken) =>
        resumable is null ? Task.FromResult(new OpenCardRecoveryResult(0, 0, 0)) : EndAllAsync(resumable.Take(messageKeys), cancellationToken);

    // The claimed messages' cards, and orphans: not touched for two leases and whose message no replica works on.
    private async Task<IReadOnlyList<OpenCard>> InScopeAsync(IReadOnlyList<OpenCard> open, Cluster.TakeoverScope scope, CancellationToken cancellationToken)
    {
        var mine = new List<OpenCard>();
        foreach (var card in open)
        {
            if (scope.Claimed(card.MessageKey)
                || (card.UpdatedAt < scope.StaleBefore && journal is not null
                    && await journal.FindAsync(account.Id, card.MessageKey, cancellationToken) is not { State: InboundState.Received or InboundState.Processing }))
            {
                mine.Add(card);
            }
        }

        return mine;
    }

    private async Task<OpenCardRecoveryResult> EndAllAsync(IReadOnlyList<OpenCard> open, CancellationToken cancellationToken)
    {
        if (open.Count == 0)
        {
            return new OpenCardRecoveryResult(0, 0, 0);
        }

        using var deadline = new CancellationTokenSource(Budget, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var meter = new ApiCallMeter();
        int finalized = 0, forgotten = 0, kept = 0;
        foreach (var card in open)
        {
            if (linked.IsCancellationRequested)
            {
                kept++;
                continue;
            }

            switch (await FinalizeAsync(card, meter, linked.Token))
            {
                case Outcome.Finalized:
                    finalized++;
                    break;
                case Outcome.Forgotten:
                    forgotten++;
                    break;
                default:
                    kept++;
                    break;
            }
        }

        if (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            LogBudgetExhausted(logger, account.Id, Budget);
        }

        LogDone(logger, account.Id, finalized, forgotten, kept, meter);
        return new OpenCardRecoveryResult(finalized, forgotten, kept);
    }

    // An unfinished journal entry is resumed by this start; a journal that cannot answer counts as "maybe": the card is
    // offered, and ended after the resume if nobody claimed it.
    private async Task<bool> WillBeAnsweredAgainAsync(OpenCard card, CancellationToken cancellationToken)
    {
        if (journal is null)
        {
            return false;
        }

        try
        {
            return await journal.FindAsync(account.Id, card.MessageKey, cancellationToken) is { State: InboundState.Received or InboundState.Processing };
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogJournalFailed(logger, ex, account.Id, card.OutTrackId);
            return true;
        }
    }

    private async Task<Outcome> FinalizeAsync(OpenCard card, ApiCallMeter meter, CancellationToken cancellationToken)
    {
        var age = time.GetUtcNow() - card.UpdatedAt;
        var delivered = IsDelivered(card);
        try
        {
            if (delivered)
            {
                await CloseJournalAsync(card);
                await EndDeliveredAsync(card, meter, cancellationToken);
            }
            else
            {
                var content = ReplyNotes.Apply(card.Content, ReplyEnd.Interrupted, null, (live?.Current ?? account).Locale);
                await cards.StreamAsync(card.OutTrackId, content, isFinalize: true, isError: false, meter, cancellationToken);
                if (account.UsesCardFlowStatus)
                {
                    // FINISHED, not FAILED: the card keeps what it said with the note, and the message is answered again.
                    await cards.UpdateAsync(card.OutTrackId, CardVariables.Final(account, CardFlowStatus.Finished, content), meter, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogKept(logger, null, account.Id, card.OutTrackId, "out of time");
            return Outcome.Kept;
        }
        catch (DingTalkApiException ex) when (PermanentRefusal.Is(ex))
        {
            LogForgotten(logger, account.Id, card.OutTrackId, ex.HttpStatus, ex.Code);
            return await RemoveAsync(card, Outcome.Forgotten, cancellationToken);
        }
        catch (Exception ex)
        {
            // Throttled, 5xx after the client's retries, network, an HTTP timeout: DingTalk may take it next time.
            LogKept(logger, ex, account.Id, card.OutTrackId, ex.Message);
            return Outcome.Kept;
        }

        if (delivered)
        {
            LogEndedDelivered(logger, account.Id, card.OutTrackId, age);
        }
        else
        {
            LogFinalized(logger, account.Id, card.OutTrackId, age);
        }

        return await RemoveAsync(card, Outcome.Finalized, cancellationToken);
    }

    // The whole answer is on the card already (its final streaming update was accepted): only the state is missing.
    private async Task EndDeliveredAsync(OpenCard card, ApiCallMeter meter, CancellationToken cancellationToken)
    {
        if (account.UsesCardFlowStatus)
        {
            var status = card.State == OpenCardState.DeliveredAsFailure ? CardFlowStatus.Failed : CardFlowStatus.Finished;
            await cards.UpdateAsync(card.OutTrackId, CardVariables.Final(account, status, card.Content), meter, cancellationToken);
        }
    }

    // A crash between the delivered record and the journal's mark left the entry open: closed here, so the message is
    // not answered a second time. Follow-up files of that answer, if any, are not sent again.
    private async Task CloseJournalAsync(OpenCard card)
    {
        if (journal is null)
        {
            return;
        }

        try
        {
            if (await journal.FindAsync(account.Id, card.MessageKey, CancellationToken.None) is { State: InboundState.Received or InboundState.Processing })
            {
                var failed = card.State == OpenCardState.DeliveredAsFailure;
                await journal.MarkAsync(
                    account.Id, card.MessageKey, failed ? InboundState.Failed : InboundState.Answered,
                    failed ? "card reply delivered (failed answer) before a restart" : "card reply delivered before a restart", CancellationToken.None);
                LogJournalClosed(logger, account.Id, card.OutTrackId);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogJournalFailed(logger, ex, account.Id, card.OutTrackId);
        }
    }

    // A failed removal only means the card is tried again next start, where DingTalk answers "finished" (4xx) and it goes.
    private async Task<Outcome> RemoveAsync(OpenCard card, Outcome outcome, CancellationToken cancellationToken)
    {
        try
        {
            await store.RemoveAsync(account.Id, card.OutTrackId, cancellationToken);
        }
        catch (Exception ex)
        {
            LogRemoveFailed(logger, ex, account.Id, card.OutTrackId);
        }

        return outcome;
    }

    private static bool IsDelivered(OpenCard card) => card.State is OpenCardState.Delivered or OpenCardState.DeliveredAsFailure;

    private enum Outcome
    {
        Finalized,
        Forgotten,
        Kept,
    }
}
