namespace DingGate.Core.Replies;

/// <summary>Proactive sends (not answering a message): <c>dinggate message send</c>, scheduled messages, notices.</summary>
public interface IMessageSender
{
    /// <summary>
    /// Sends <paramref name="message"/> to <paramref name="target"/> through account <paramref name="accountId"/>.
    /// Throws <see cref="MessageSendException"/> naming the target when it is invalid, unknown or throttled: never a
    /// silent success. Unknown account → <see cref="ArgumentException"/>.
    /// </summary>
    Task<SendReceipt> SendAsync(string accountId, MessageTarget target, OutboundMessage message, CancellationToken cancellationToken);
}
