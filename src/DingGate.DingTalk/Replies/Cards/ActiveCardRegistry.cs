using System.Collections.Concurrent;

namespace DingGate.DingTalk.Replies.Cards;

/// <summary>
/// The cards of one account streaming right now, by outTrackId, with who may stop them. The stop-button callback
/// (answered on the socket reader within DingTalk's 2 s) looks the card up here and cancels its reply's stop token.
/// </summary>
internal sealed class ActiveCardRegistry
{
    private readonly ConcurrentDictionary<string, Entry> _cards = new(StringComparer.Ordinal);

    /// <summary>Registers a streaming card; dispose the result when the card is finalized.</summary>
    public IDisposable Register(string outTrackId, string? ownerUserId, CancellationTokenSource stop)
    {
        var entry = new Entry(ownerUserId, stop);
        _cards[outTrackId] = entry;
        return new Registration(this, outTrackId, entry);
    }

    /// <summary>Whether no card streams here now.</summary>
    public bool IsEmpty => _cards.IsEmpty;

    /// <summary>
    /// What <see cref="TryStop"/> would do, without doing it: <see cref="CardStopResult.Stopped"/> when the card streams
    /// here and <paramref name="userId"/> started it (a replica checks this before claiming another replica's request).
    /// </summary>
    public CardStopResult Check(string outTrackId, string? userId) => Find(outTrackId, userId, out _);

    /// <summary>Stops the card's reply when <paramref name="userId"/> started it.</summary>
    public CardStopResult TryStop(string outTrackId, string? userId)
    {
        var found = Find(outTrackId, userId, out var entry);
        if (found != CardStopResult.Stopped)
        {
            return found;
        }

        try
        {
            entry.Stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            return CardStopResult.UnknownCard;
        }

        return CardStopResult.Stopped;
    }

    private CardStopResult Find(string outTrackId, string? userId, out Entry entry)
    {
        if (!_cards.TryGetValue(outTrackId, out entry!))
        {
            return CardStopResult.UnknownCard;
        }

        return entry.OwnerUserId is null || !string.Equals(entry.OwnerUserId, userId, StringComparison.OrdinalIgnoreCase)
            ? CardStopResult.NotOwner
            : CardStopResult.Stopped;
    }

    private sealed record Entry(string? OwnerUserId, CancellationTokenSource Stop);

    private sealed class Registration(ActiveCardRegistry registry, string outTrackId, Entry entry) : IDisposable
    {
        public void Dispose() => registry._cards.TryRemove(new KeyValuePair<string, Entry>(outTrackId, entry));
    }
}
