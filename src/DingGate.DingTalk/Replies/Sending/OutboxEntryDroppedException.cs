namespace DingGate.DingTalk.Replies.Sending;

/// <summary>The operator dropped the outbox entry (<c>dinggate outbox drop</c>) before its part went on the wire: not sent.</summary>
internal sealed class OutboxEntryDroppedException() : Exception("the reply outbox entry was dropped by the operator");
