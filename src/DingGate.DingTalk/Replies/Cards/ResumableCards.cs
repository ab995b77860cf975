using DingGate.Core.Storage;

namespace DingGate.DingTalk.Replies.Cards;

/// <summary>
/// The cards a crashed run left open whose messages this start answers again, by journal key: filled by
/// <see cref="OpenCardRecovery"/> before the journal is resumed, claimed by <see cref="CardReplies.TryCreate"/> when the
/// resumed message gets its card sink (so the answer streams into the same card), and the unclaimed rest ended by
/// <see cref="OpenCardRecovery.EndUnclaimedAsync(CancellationToken)"/> once the resume is over. Thread-safe.
/// </summary>
internal sealed class ResumableCards
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, OpenCard> _byMessage = new(StringComparer.Ordinal);

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byMessage.Count;
            }
        }
    }

    /// <summary>Offers <paramref name="card"/> to its message; answers the card it displaced (an older one for the same message), if any.</summary>
    public OpenCard? Offer(OpenCard card)
    {
        lock (_gate)
        {
            _byMessage.Remove(card.MessageKey, out var displaced);
            _byMessage[card.MessageKey] = card;
            return displaced;
        }
    }

    /// <summary>The open card of <paramref name="messageKey"/>, removed from here; null when there is none.</summary>
    public OpenCard? Claim(string messageKey)
    {
        lock (_gate)
        {
            return _byMessage.Remove(messageKey, out var card) ? card : null;
        }
    }

    /// <summary>Every card not claimed, removed from here.</summary>
    public IReadOnlyList<OpenCard> TakeAll()
    {
        lock (_gate)
        {
            var all = _byMessage.Values.OrderBy(c => c.CreatedAt).ToList();
            _byMessage.Clear();
            return all;
        }
    }

    /// <summary>The cards of <paramref name="messageKeys"/> not claimed, removed from here (a clustered takeover ends only its own).</summary>
    public IReadOnlyList<OpenCard> Take(IReadOnlySet<string> messageKeys)
    {
        lock (_gate)
        {
            var taken = _byMessage.Values.Where(c => messageKeys.Contains(c.MessageKey)).OrderBy(c => c.CreatedAt).ToList();
            foreach (var card in taken)
            {
                _byMessage.Remove(card.MessageKey);
            }

            return taken;
        }
    }
}
