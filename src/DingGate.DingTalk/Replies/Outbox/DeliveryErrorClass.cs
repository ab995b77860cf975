namespace DingGate.DingTalk.Replies.Outbox;

/// <summary>What a failed send means for the answer (docs/replies.md, "Reply outbox").</summary>
internal enum DeliveryErrorClass
{
    /// <summary>DingTalk certainly did not take it (connection refused, 503, 429/403 throttling, 401 after a token refresh, flow control): retry.</summary>
    NotDelivered,

    /// <summary>It may have reached the user (timeout after sending, 500/502/504, connection lost mid-call): never re-sent automatically.</summary>
    Ambiguous,

    /// <summary>DingTalk will not take it (invalid user, bot not in the group, 4xx content errors, monthly quota): failed.</summary>
    Permanent,
}
