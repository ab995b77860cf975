namespace DingGate.DingTalk.Replies.Cards;

/// <summary>
/// Keeps one conversation's cards in the order its messages were handed over. A card sink starts creating its card at
/// once, and the create call waits for a permit of the app's card bucket; permits are not handed out in arrival order
/// (the shared bucket of several replicas is polled), so under a full bucket a user's second card could be created, and
/// shown in the chat, above the first. Each sink takes a place in its conversation's line (<see cref="Enter"/>) and
/// creates its card only when the card before it was created or given up (<see cref="CardOpeningTicket"/>). One
/// instance per account (<see cref="CardReplies"/>); entries are removed when their line empties.
/// </summary>
internal sealed class CardOpeningOrder
{
    /// <summary>Longest wait for the card before (longer than a per-minute throttle holds a create): then this one goes ahead.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(90);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Task> _last = new(StringComparer.Ordinal);

    /// <summary>How many conversations have a card being opened (for tests).</summary>
    public int Lines
    {
        get
        {
            lock (_lock)
            {
                return _last.Count;
            }
        }
    }

    /// <summary>Takes the next place in the line of <paramref name="conversationId"/>.</summary>
    public CardOpeningTicket Enter(string conversationId)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        var opened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            var before = _last.GetValueOrDefault(conversationId) ?? Task.CompletedTask;
            _last[conversationId] = opened.Task;
            return new CardOpeningTicket(this, conversationId, before, opened);
        }
    }

    internal void Leave(string conversationId, TaskCompletionSource opened)
    {
        lock (_lock)
        {
            if (_last.TryGetValue(conversationId, out var last) && ReferenceEquals(last, opened.Task))
            {
                _last.Remove(conversationId);
            }
        }

        opened.TrySetResult();
    }
}
