using System.Text;
using DingGate.Agent.Scheduling;
using DingGate.Core.Inbound;
using DingGate.Core.Replies;
using DingGate.Core.Scheduling;
using DingGate.Core.Texts;

namespace DingGate.Agent.Sessions.Commands;

// Answers /jobs at once: the sender's active jobs on this account, or removes one (the sender's own; owners any).
// Replies are in the account's locale (texts: JobTexts).
internal sealed class JobsCommandHandler(JobRegistry registry, AccountOwners owners, AccountLocales locales)
{
    public async Task HandleAsync(JobsCommand command, InboundMessage message, IReplySink reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(reply);
        await using (reply)
        {
            var text = await AnswerAsync(command, message, locales.For(message.AccountId), cancellationToken);
            await reply.WriteAsync(new ReplyTextDelta(text), cancellationToken);
            await reply.CompleteAsync(ReplyEnd.Finished, null, cancellationToken);
        }
    }

    private async Task<string> AnswerAsync(JobsCommand command, InboundMessage message, BotLocale locale, CancellationToken cancellationToken)
    {
        if (message.Sender.StaffId is not { } staffId)
        {
            return JobTexts.NoStaffId.For(locale);
        }

        if (!command.Remove)
        {
            var jobs = await registry.ListActiveAsync(message.AccountId, staffId, cancellationToken);
            return jobs.Count == 0 ? JobTexts.None.For(locale) : List(jobs, locale);
        }

        if (command.Id is not { } id)
        {
            return JobTexts.RemoveUsage.For(locale);
        }

        return await registry.RemoveAsync(message.AccountId, id, staffId, owners.IsOwner(message.AccountId, staffId), cancellationToken) switch
        {
            JobRemoval.Removed => JobTexts.Removed.Format(locale, id),
            JobRemoval.NotYours => JobTexts.NotYours.Format(locale, id),
            _ => JobTexts.NotFound.Format(locale, id),
        };
    }

    private static string List(IReadOnlyList<ScheduledJob> jobs, BotLocale locale)
    {
        var text = new StringBuilder().AppendLine(JobTexts.ListTitle.Format(locale, jobs.Count)).AppendLine();
        foreach (var job in jobs)
        {
            var kind = job.Kind == ScheduledJobKind.Agent ? "🤖" : "💬";
            var when = job.Cron is { } cron
                ? JobTexts.Every.Format(locale, cron, job.NextOccurrence is { } n ? JobClock.Full(n, job.TimeZone) : "-")
                : JobTexts.Once.Format(locale, job.At is { } at ? JobClock.Full(at, job.TimeZone) : "-");
            var separator = locale == BotLocale.En ? ": " : "：";
            text.Append("- `").Append(job.Id).Append("` ").Append(kind).Append(' ').Append(when).Append(" → ").Append(job.Target)
                .Append(separator).AppendLine(JobDescriptions.Short(job.Text));
        }

        return text.AppendLine().Append(JobTexts.ListFooter.For(locale)).ToString();
    }
}
