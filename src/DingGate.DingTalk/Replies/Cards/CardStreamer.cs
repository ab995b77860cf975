using DingGate.DingTalk.Api;
using DingGate.Core.Storage;
using DingGate.Core.Texts;

namespace DingGate.DingTalk.Replies.Cards;

/// <summary>
/// Streams the intermediate content of one card until the end of the reply is asked for: <c>PUT /v1.0/card/streaming</c>
/// calls (full text, <c>isFull=true</c>) within the card's <see cref="CardStreamBudget"/> (the first no earlier than the
/// first write + <c>interval</c>, each later gap 1.25 times the one before, at most <c>maxUpdates</c> in all), one call
/// in flight, nothing sent when nothing changed or nothing is there to show.
/// Deltas written meanwhile are coalesced into the next call (through <see cref="AiCardFlow"/>, which puts the card to
/// INPUTING before the first). The final (<c>isFinalize</c>) call is the sink's. A failed call (after the api client's
/// retries) is thrown: the caller stops streaming to the card. A call waiting out a
/// throttle limit is dropped when newer text or the end arrives (see <see cref="ApiRequest.SupersededBy"/>).
/// </summary>
internal sealed class CardStreamer(
    AiCardFlow card, IOpenCardStore store, string accountId, CardReplyState state, CardStreamBudget budget, TimeProvider time,
    Func<Exception, Task> onStoreFailure, BotLocale locale)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        long seen = 0;
        DateTimeOffset? lastCallAt = null;
        var shown = string.Empty;
        while (true)
        {
            if (budget.IsSpent)
            {
                // The rest of the answer goes with the final update.
                await state.Ending.WaitAsync(cancellationToken);
                return;
            }

            await state.WaitForChangeAsync(seen, cancellationToken);
            var snapshot = state.Read();
            if (snapshot.End is not null)
            {
                return;
            }

            var earliest = (lastCallAt ?? snapshot.FirstWriteAt ?? time.GetUtcNow()) + budget.NextGap;
            var wait = earliest - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await WaitOrEndAsync(wait, cancellationToken);
                snapshot = state.Read();
                if (snapshot.End is not null)
                {
                    return;
                }
            }

            seen = snapshot.Version;
            var content = CardNotes.Intermediate(snapshot, locale);
            if (content.Length == 0 || string.Equals(content, shown, StringComparison.Ordinal))
            {
                continue;
            }

            lastCallAt = time.GetUtcNow();
            try
            {
                // Throttled (e.g. a per-minute limit): the wait ends as soon as newer text or the end arrives, and the
                // next update (or the final one) carries it instead of this stale one.
                await card.StreamAsync(content, isFinalize: false, isError: false, cancellationToken, state.WaitForChangeAsync(seen, cancellationToken));
            }
            catch (ApiCallSupersededException)
            {
                continue;
            }

            budget.Spend();
            shown = content;
            try
            {
                await store.UpdateContentAsync(accountId, card.OutTrackId, snapshot.Text, time.GetUtcNow(), cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                await onStoreFailure(ex);
            }
        }
    }

    private async Task WaitOrEndAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(wait, time, cancel.Token);
        await Task.WhenAny(delay, state.Ending);
        await cancel.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }
}
