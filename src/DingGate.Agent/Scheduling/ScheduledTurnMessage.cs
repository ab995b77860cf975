using DingGate.Core.Inbound;
using DingGate.Core.Replies;
using DingGate.Core.Scheduling;

namespace DingGate.Agent.Scheduling;

// The synthetic message a scheduled agent turn answers: the job's prompt, "sent" by its creator into the target's
// conversation (a group, or the creator's 1:1 chat), keyed by job and occurrence so the turn's id is stable.
internal static class ScheduledTurnMessage
{
    public static InboundMessage For(ScheduledJob job, DateTimeOffset dueAt, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(job);
        var target = MessageTarget.Parse(job.Target);
        return new InboundMessage
        {
            AccountId = job.AccountId,
            MessageId = $"job:{job.Id}:{dueAt.ToUnixTimeMilliseconds()}",
            ConversationId = target.Kind == MessageTargetKind.Group ? target.Id : job.Target,
            Conversation = target.Kind == MessageTargetKind.Group ? ConversationKind.Group : ConversationKind.Direct,
            Sender = new InboundSender(job.Creator, job.Creator, job.Creator, null, false),
            Kind = InboundContentKind.Text,
            Text = job.Text,
            MentionsBot = true,
            CreatedAt = now,
        };
    }
}
