using DingGate.Agent.Sessions.Commands;
using DingGate.Core.Inbound;
using DingGate.Core.Replies;
using DingGate.Core.Sessions;

namespace DingGate.Agent.Sessions;

// The gateway's one inbound handler: commands are answered at once, everything else waits for its session's turn.
internal sealed class AgentInboundHandler(SessionOptions options, SessionQueue queue, SessionCommandHandler commands) : IInboundHandler
{
    public async Task HandleAsync(InboundMessage message, IReplySink reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(reply);
        var key = SessionKey.For(message, options.Scope);
        if (message.Attachments.Count == 0 && SessionCommandParser.TryParse(message.Text, out var command))
        {
            await commands.HandleAsync(command, key, message, reply, cancellationToken);
            return;
        }

        await queue.EnqueueAsync(new QueuedTurn(key, message, reply), cancellationToken);
    }
}
