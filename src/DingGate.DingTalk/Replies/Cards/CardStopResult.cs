namespace DingGate.DingTalk.Replies.Cards;

/// <summary>What a stop click did.</summary>
internal enum CardStopResult
{
    /// <summary>The reply was told to stop.</summary>
    Stopped,

    /// <summary>The clicking user did not start this reply; nothing happened.</summary>
    NotOwner,

    /// <summary>No card with that id is streaming (finished already, or another gateway's).</summary>
    UnknownCard,
}
