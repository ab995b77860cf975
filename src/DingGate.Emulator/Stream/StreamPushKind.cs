namespace DingGate.Emulator.Stream;

/// <summary>How a push is delivered and retried (spec §1.10, §8.4).</summary>
internal enum StreamPushKind
{
    /// <summary>CALLBACK on <c>/v1.0/im/bot/messages/get</c>: redelivered with the same messageId after the redelivery window when not ACKed.</summary>
    BotMessage,

    /// <summary>EVENT: redelivered on the event schedule after a missing ACK, a non-200 code or status LATER.</summary>
    Event,

    /// <summary>CALLBACK on <c>/v1.0/card/instances/callback</c>: the ACK must arrive within the card window; never redelivered.</summary>
    CardCallback,
}
