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

    /// <summary>Stops the card's reply when <paramref name="userId"/> started it.</summary>
    public CardStopResult TryStop(string outTrackId, string? userId)
    {
        if (!_cards.TryGetValue(outTrackId, out var entry))
        {
            return CardStopResult.UnknownCard;
        }

        if (entry.OwnerUserId is null || !string.Equals(entry.OwnerUserId, userId, StringComparison.OrdinalIgnoreCase))
        {
            return CardStopResult.NotOwner;
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

    private sealed record Entry(string? OwnerUserId, CancellationTokenSource Stop);

    private sealed class Registration(ActiveCardRegistry registry, string outTrackId, Entry entry) : IDisposable
    {
        public void Dispose() => registry._cards.TryRemove(new KeyValuePair<string, Entry>(outTrackId, entry));
    }
}
