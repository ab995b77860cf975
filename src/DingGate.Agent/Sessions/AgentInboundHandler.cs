using DingGate.Agent.Sessions.Commands;
using DingGate.Core.Inbound;
using DingGate.Core.Replies;
using DingGate.Core.Sessions;
using DingGate.Core.Texts;

namespace DingGate.Agent.Sessions;

// The gateway's one inbound handler: commands are answered at once, everything else waits for its session's turn.
// /jobs is answered when scheduled jobs are registered (AddScheduledJobs), else it says they are not enabled.
// The session comes from the configuration in force (SessionKeys: a group's sessionScope, else session.scope); without
// the agent's services (tests of the session layer alone) from session.scope as registered. Replies in the account's locale.
internal sealed class AgentInboundHandler(
    SessionOptions options, SessionQueue queue, SessionCommandHandler commands, AccountLocales locales, JobsCommandHandler? jobs = null,
    SessionKeys? keys = null) : IInboundHandler
{
    public async Task HandleAsync(InboundMessage message, IReplySink reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(reply);
        var key = keys?.For(message) ?? SessionKey.For(message, options.Scope);
        if (message.Attachments.Count == 0 && SessionCommandParser.TryParse(message.Text, out var command))
        {
            await commands.HandleAsync(command, key, message, reply, cancellationToken);
            return;
        }

        if (message.Attachments.Count == 0 && JobsCommandParser.TryParse(message.Text, out var jobsCommand))
        {
            await AnswerJobsAsync(jobsCommand, message, reply, cancellationToken);
            return;
        }

        await queue.EnqueueAsync(new QueuedTurn(key, message, reply), cancellationToken);
    }

    private async Task AnswerJobsAsync(JobsCommand command, InboundMessage message, IReplySink reply, CancellationToken cancellationToken)
    {
        if (jobs is not null)
        {
            await jobs.HandleAsync(command, message, reply, cancellationToken);
            return;
        }

        await using (reply)
        {
            await reply.WriteAsync(new ReplyTextDelta(JobTexts.Unavailable.For(locales.For(message.AccountId))), cancellationToken);
            await reply.CompleteAsync(ReplyEnd.Finished, null, cancellationToken);
        }
    }
}
