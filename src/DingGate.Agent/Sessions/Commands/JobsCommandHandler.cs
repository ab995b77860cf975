using DingGate.Agent.Scheduling;
using DingGate.Core.Inbound;
using DingGate.Core.Replies;

namespace DingGate.Agent.Sessions.Commands;

// Answers /jobs at once: the sender's active jobs on this account, or removes one (the sender's own; owners any).
internal sealed class JobsCommandHandler(JobRegistry registry, AccountOwners owners)
{
    public async Task HandleAsync(JobsCommand command, InboundMessage message, IReplySink reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(reply);
        await using (reply)
        {
            var text = await AnswerAsync(command, message, cancellationToken);
            await reply.WriteAsync(new ReplyTextDelta(text), cancellationToken);
            await reply.CompleteAsync(ReplyEnd.Finished, null, cancellationToken);
        }
    }

    private async Task<string> AnswerAsync(JobsCommand command, InboundMessage message, CancellationToken cancellationToken)
    {
        if (message.Sender.StaffId is not { } staffId)
        {
            return JobsCommandTexts.NoStaffId;
        }

        if (!command.Remove)
        {
            var jobs = await registry.ListActiveAsync(message.AccountId, staffId, cancellationToken);
            return jobs.Count == 0 ? JobsCommandTexts.None : JobsCommandTexts.List(jobs);
        }

        if (command.Id is not { } id)
        {
            return JobsCommandTexts.RemoveUsage;
        }

        return await registry.RemoveAsync(message.AccountId, id, staffId, owners.IsOwner(message.AccountId, staffId), cancellationToken) switch
        {
            JobRemoval.Removed => JobsCommandTexts.Removed(id),
            JobRemoval.NotYours => JobsCommandTexts.NotYours(id),
            _ => JobsCommandTexts.NotFound(id),
        };
    }
}
