namespace DingGate.DingTalk.Replies.Cards;

/// <summary>Where one tool call shown on a card stands.</summary>
internal enum CardToolStepOutcome
{
    /// <summary>Called, not returned yet.</summary>
    Running,

    /// <summary>Returned a result.</summary>
    Done,

    /// <summary>Failed, timed out or was refused.</summary>
    Failed,
}
