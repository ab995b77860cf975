namespace DingGate.Core.Inbound;

/// <summary>
/// Receives every message a channel accepted (deduplicated, parsed, allowed by policy, media downloaded). The session
/// and agent layers implement it. The handler owns the message from here on: it marks the journal entry answered or
/// failed once the reply is out (a handler that throws gets the entry marked failed by the channel).
/// </summary>
public interface IInboundHandler
{
    /// <summary>Handles one accepted message.</summary>
    Task HandleAsync(InboundMessage message, CancellationToken cancellationToken);
}
