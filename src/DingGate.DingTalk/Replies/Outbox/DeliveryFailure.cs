namespace DingGate.DingTalk.Replies.Outbox;

/// <summary>A classified send failure with a reason fit for logs, <c>outbox list</c> and the journal (no secrets).</summary>
internal sealed record DeliveryFailure(DeliveryErrorClass Class, string Reason);
