using DingGate.Core.Replies;

namespace DingGate.Core.Inbound;

/// <summary>
/// Receives every message a channel accepted (deduplicated, parsed, allowed by policy, media downloaded), with the
/// <see cref="IReplySink"/> its answer goes to. The session and agent layers implement it. The handler owns the sink
/// from here on, also after it returns (a queue may answer later): completing the sink delivers the answer and marks
/// the message answered. A handler that throws gets the sink completed as failed by the channel.
/// </summary>
public interface IInboundHandler
{
    /// <summary>Handles one accepted message.</summary>
    Task HandleAsync(InboundMessage message, IReplySink reply, CancellationToken cancellationToken);
}
