namespace DingGate.Core.Storage;

/// <summary>Life of an inbound message in the journal.</summary>
public enum InboundState
{
    /// <summary>Journaled (and ACKed), not yet picked up.</summary>
    Received,

    /// <summary>Being handled.</summary>
    Processing,

    /// <summary>A reply was delivered (or none was due, e.g. a denied sender was told so).</summary>
    Answered,

    /// <summary>Handling failed for good; <see cref="InboundJournalEntry.Detail"/> says why.</summary>
    Failed,
}
