using DingGate.Agent.Running;
using DingGate.Core.Inbound;
using DingGate.Core.Replies;
using DingGate.Core.Sessions;

namespace DingGate.Agent.Sessions.Commands;

// Answers a command at once, beside the queue: /stop must reach a session whose turn is running, and /status must
// see it. /new clears the stored history; a turn already running still stores its exchange when it finishes.
internal sealed class SessionCommandHandler(ISessionStore store, SessionQueue queue, IAgentRunner agent)
{
    public async Task HandleAsync(SessionCommand command, SessionKey key, InboundMessage message, IReplySink reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(reply);
        await using (reply)
        {
            var text = await AnswerAsync(command, key, message, cancellationToken);
            await reply.WriteAsync(new ReplyTextDelta(text), cancellationToken);
            await reply.CompleteAsync(ReplyEnd.Finished, null, cancellationToken);
        }
    }

    private async Task<string> AnswerAsync(SessionCommand command, SessionKey key, InboundMessage message, CancellationToken cancellationToken)
    {
        switch (command)
        {
            case SessionCommand.New:
            case SessionCommand.Reset:
                await store.ClearAsync(key, cancellationToken);
                return SessionCommandTexts.Cleared;
            case SessionCommand.Stop:
                return queue.StopRunning(key) ? SessionCommandTexts.Stopped : SessionCommandTexts.NothingRunning;
            case SessionCommand.Status:
                var stats = await store.GetStatsAsync(key, cancellationToken);
                return SessionCommandTexts.Status(agent.Describe(message), key, stats, queue.GetState(key));
            case SessionCommand.WhoAmI:
                return SessionCommandTexts.WhoAmI(message);
            default:
                return SessionCommandTexts.Help;
        }
    }
}
