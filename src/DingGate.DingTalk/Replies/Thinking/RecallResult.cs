namespace DingGate.DingTalk.Replies.Thinking;

/// <summary>What one recall of a "thinking" reaction did.</summary>
internal enum RecallResult
{
    /// <summary>DingTalk took it back.</summary>
    Recalled,

    /// <summary>DingTalk refused for good (the reaction or message is gone): nothing left to take back.</summary>
    Gone,

    /// <summary>Throttled, 5xx, network or out of time: try again later.</summary>
    Retry,
}
