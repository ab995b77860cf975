namespace DingGate.DingTalk.Replies;

/// <summary>
/// A reply sink that can be dropped without a trace (clustered only: another replica took its message over while this
/// one stalled): no further DingTalk call — no card finalize, no markdown, no note, no "thinking" reaction taken back —
/// and no journal write. What it showed so far (a card, a reaction) is the new owner's to recover.
/// </summary>
internal interface IAbandonableReplySink
{
    /// <summary>Stops the reply as described, releases what it holds, and counts as completed and disposed.</summary>
    Task AbandonAsync();
}
