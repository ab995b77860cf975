using DingGate.Core.Storage;

namespace DingGate.DingTalk.Replies.Outbox;

/// <summary>How far an answer got: its outbox entry, its state now, the messages sent by this call, and the last error.</summary>
internal sealed record ReplyDelivery(long OutboxId, OutboxState State, int Messages, string? Error)
{
    /// <summary>Every part was accepted.</summary>
    public bool Delivered => State == OutboxState.Delivered;

    /// <summary>Not delivered yet, but the outbox owns it now (the worker retries it).</summary>
    public bool Queued => State == OutboxState.Pending;
}
