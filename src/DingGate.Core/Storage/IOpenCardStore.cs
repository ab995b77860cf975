namespace DingGate.Core.Storage;

/// <summary>Durable list of cards not ended yet (see <see cref="OpenCard"/>).</summary>
public interface IOpenCardStore
{
    /// <summary>Records a card about to be created (replaces a record with the same account and outTrackId).</summary>
    Task AddAsync(OpenCard card, CancellationToken cancellationToken);

    /// <summary>Records what the card shows now; no-op for an unknown card.</summary>
    Task UpdateContentAsync(string accountId, string outTrackId, string content, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Moves a card to <paramref name="state"/> and, when <paramref name="content"/> is not null, records what it shows;
    /// no-op for an unknown card.
    /// </summary>
    Task MarkAsync(string accountId, string outTrackId, OpenCardState state, string? content, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Forgets a card that was finalized; no-op for an unknown card.</summary>
    Task RemoveAsync(string accountId, string outTrackId, CancellationToken cancellationToken);

    /// <summary>The account's open cards, oldest first.</summary>
    Task<IReadOnlyList<OpenCard>> ListAsync(string accountId, CancellationToken cancellationToken);
}
