namespace DingGate.DingTalk.Replies.Cards;

/// <summary>
/// One card's place in its conversation's line (<see cref="CardOpeningOrder"/>): wait for the card before, open this
/// one, then let the next go (<see cref="Opened"/>, also when the create failed or was skipped; idempotent).
/// </summary>
internal sealed class CardOpeningTicket(CardOpeningOrder order, string conversationId, Task before, TaskCompletionSource opened)
{
    /// <summary>Whether the card before this one is opened (or given up) already.</summary>
    public bool IsFirst => before.IsCompleted;

    /// <summary>Waits for the card before this one, at most <see cref="CardOpeningOrder.MaxWait"/>; true when it went first, false when the wait ran out.</summary>
    public async Task<bool> WaitForTurnAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            await before.WaitAsync(CardOpeningOrder.MaxWait, time, cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>This card is created (or will not be): the next card of the conversation may be created.</summary>
    public void Opened() => order.Leave(conversationId, opened);
}
