using System.Collections.Concurrent;

namespace DingGate.Emulator.Cards;

/// <summary>Every card by <c>outTrackId</c>. A card is visible only to the app that created it.</summary>
internal sealed class CardStore
{
    private readonly ConcurrentDictionary<string, CardInstance> _cards = new(StringComparer.Ordinal);

    public IReadOnlyList<CardInstance> All => _cards.Values.OrderBy(c => c.CreatedAt).ThenBy(c => c.OutTrackId, StringComparer.Ordinal).ToList();

    /// <summary>False when the outTrackId is taken (by any app: DingTalk's ids are global).</summary>
    public bool TryAdd(CardInstance card) => _cards.TryAdd(card.OutTrackId, card);

    public bool Exists(string outTrackId) => _cards.ContainsKey(outTrackId);

    public CardInstance? Find(string? outTrackId) =>
        outTrackId is not null && _cards.TryGetValue(outTrackId, out var card) ? card : null;

    /// <summary>The card when it exists and belongs to the app; null otherwise.</summary>
    public CardInstance? FindOwned(string? outTrackId, string clientId) =>
        Find(outTrackId) is { } card && string.Equals(card.OwnerClientId, clientId, StringComparison.Ordinal) ? card : null;

    public void Clear() => _cards.Clear();
}
