using DingGate.Core.Configuration;
using DingGate.Core.Replies;
using DingGate.Core.Storage;
using DingGate.DingTalk.Api;
using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk.Replies.Cards;

/// <summary>
/// At account start, ends the cards a previous run left open (crash, restart, or an end DingTalk refused): each gets
/// what it last showed plus the "interrupted" note in one final streaming update and, with flowStatus
/// (<see cref="DingTalkAccount.UsesCardFlowStatus"/>), FINISHED ("3") with the same content, then leaves the store.
/// FINISHED rather than FAILED ("5"): the official clients end an aborted or stopped answer as FINISHED with the text
/// it has (DingTalk's connector <c>finishAICard</c>, the OpenClaw plugin's abort path) and keep FAILED for an answer
/// that failed; here nothing failed, the answer follows in a new card. A card DingTalk no longer accepts updates for
/// (4xx: unknown, already finished) is forgotten; on throttling, 5xx or network errors it is kept for the next start. Bounded by <see cref="Budget"/> and never throws (but for cancellation of the caller's token
/// it returns too): the account starts whatever happens here.
/// </summary>
internal sealed partial class OpenCardRecovery(
    DingTalkAccount account, AiCardClient cards, IOpenCardStore store, TimeProvider time, ILogger<OpenCardRecovery> logger, TimeSpan? budget = null)
{
    /// <summary>How long a start may spend on old cards (API retries included) before the rest is left for next time.</summary>
    public static readonly TimeSpan DefaultBudget = TimeSpan.FromSeconds(20);

    public TimeSpan Budget { get; } = budget ?? DefaultBudget;

    public async Task<OpenCardRecoveryResult> RecoverAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<OpenCard> open;
        try
        {
            open = await store.ListAsync(account.Id, cancellationToken);
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

    private async Task<Outcome> FinalizeAsync(OpenCard card, ApiCallMeter meter, CancellationToken cancellationToken)
    {
        var age = time.GetUtcNow() - card.UpdatedAt;
        try
        {
            var content = ReplyNotes.Apply(card.Content, ReplyEnd.Interrupted, null);
            await cards.StreamAsync(card.OutTrackId, content, isFinalize: true, isError: false, meter, cancellationToken);
            if (account.UsesCardFlowStatus)
            {
                // FINISHED, not FAILED: the card keeps what it said with the note, and the message is answered again.
                await cards.UpdateAsync(card.OutTrackId, CardVariables.Final(account, CardFlowStatus.Finished, content), meter, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogKept(logger, null, account.Id, card.OutTrackId, "out of time");
            return Outcome.Kept;
        }
        catch (DingTalkApiException ex) when (IsGone(ex))
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

        LogFinalized(logger, account.Id, card.OutTrackId, age);
        return await RemoveAsync(card, Outcome.Finalized, cancellationToken);
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

    // 4xx other than throttling and a refused token: the card does not exist, is finished or cannot take this update.
    private static bool IsGone(DingTalkApiException ex) =>
        ex is not DingTalkCredentialsException
        && ex.HttpStatus is >= 400 and < 500
        && new ApiFailure(ex.HttpStatus, ex.Code, null, null, null) is { IsRateLimited: false, IsInvalidToken: false };

    private enum Outcome
    {
        Finalized,
        Forgotten,
        Kept,
    }
}
