namespace DingGate.Core.Storage;

/// <summary>Durable list of "thinking" reactions that may be on screen (see <see cref="ShownIndicator"/>).</summary>
public interface IShownIndicatorStore
{
    /// <summary>Records a reaction (replaces a record with the same account and message key).</summary>
    Task AddAsync(ShownIndicator indicator, CancellationToken cancellationToken);

    /// <summary>Forgets a reaction that was taken back (or never shown); no-op for an unknown one.</summary>
    Task RemoveAsync(string accountId, string messageKey, CancellationToken cancellationToken);

    /// <summary>The account's recorded reactions, oldest first.</summary>
    Task<IReadOnlyList<ShownIndicator>> ListAsync(string accountId, CancellationToken cancellationToken);
}
