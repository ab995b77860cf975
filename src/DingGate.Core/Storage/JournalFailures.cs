namespace DingGate.Core.Storage;

/// <summary>The failed entries of one account's journal: how many, and the latest one's time and reason.</summary>
/// <param name="Count">Entries in <see cref="InboundState.Failed"/> (still in the journal: retention may have purged older ones).</param>
/// <param name="LastAt">When the latest one failed.</param>
/// <param name="LastReason">Its <see cref="InboundJournalEntry.Detail"/>.</param>
public sealed record JournalFailures(long Count, DateTimeOffset? LastAt, string? LastReason)
{
    public static JournalFailures None { get; } = new(0, null, null);
}
