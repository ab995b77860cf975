using System.ComponentModel;
using System.Text;
using DingGate.Agent.Tools;
using DingGate.Core.Inbound;
using DingGate.Core.Replies;
using DingGate.Core.Scheduling;
using Microsoft.Extensions.AI;

namespace DingGate.Agent.Scheduling;

// schedule: create, list and remove scheduled jobs for the sender. A job sends a fixed text or runs an agent turn with
// a prompt and sends its answer; once (at / delayMinutes) or on a cron expression in a time zone. The target is the
// current conversation (the DM sender, or the group); another target only for owners (like send_message). Results are
// short English texts for the model.
internal sealed class ScheduleTool(JobRegistry registry) : IBuiltinTool
{
    public const string ToolName = "schedule";

    public string Name => ToolName;

    public string Description =>
        "Schedule reminders and recurring jobs that send a message (text) or run an assistant turn (prompt) and send its " +
        "answer to this conversation later: once (at, or delayMinutes) or on a cron expression. Also lists and removes the sender's jobs.";

    public AIFunction Create(ToolTurnContext turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        return AIFunctionFactory.Create(
            (
                [Description("create, list or remove.")] string action,
                [Description("create: the message to send at each occurrence (give text or prompt).")] string? text = null,
                [Description("create: a prompt the assistant answers at each occurrence; its answer is sent (give text or prompt).")] string? prompt = null,
                [Description("create: one time, ISO 8601 (e.g. 2026-12-05T09:00; without an offset it is read in timeZone).")] string? at = null,
                [Description("create: once, this many minutes from now.")] int? delayMinutes = null,
                [Description("create: recurring, a cron expression: minute hour day-of-month month day-of-week (e.g. '0 9 * * 1' = Mondays 09:00).")] string? cron = null,
                [Description("create: IANA time zone for at and cron (default: the gateway's, e.g. Asia/Shanghai).")] string? timeZone = null,
                [Description("create: where to send; default this conversation. Others (user:<staffId>, group:<openConversationId>) owners only.")] string? target = null,
                [Description("remove: the job id.")] string? id = null,
                CancellationToken cancellationToken = default) => action?.Trim().ToUpperInvariant() switch
                {
                    "CREATE" => CreateAsync(turn, text, prompt, at, delayMinutes, cron, timeZone, target, cancellationToken),
                    "LIST" => ListAsync(turn, cancellationToken),
                    "REMOVE" => RemoveAsync(turn, id, cancellationToken),
                    _ => Task.FromResult($"Unknown action '{action}': use create, list or remove."),
                },
            new AIFunctionFactoryOptions { Name = ToolName, Description = Description });
    }

    public async Task<string> CreateAsync(
        ToolTurnContext turn, string? text, string? prompt, string? at, int? delayMinutes, string? cron, string? timeZone, string? target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var message = turn.Message;
        if (message.Sender.StaffId is not { } creator)
        {
            return "Not scheduled: the sender is not a member of the organisation (no staff id), so jobs cannot be kept for them.";
        }

        if (!string.IsNullOrWhiteSpace(text) && !string.IsNullOrWhiteSpace(prompt))
        {
            return "Not scheduled: give text (a fixed message) or prompt (an assistant turn), not both.";
        }

        var here = Here(message, creator);
        MessageTarget destination;
        if (string.IsNullOrWhiteSpace(target))
        {
            destination = here;
        }
        else
        {
            try
            {
                destination = MessageTarget.Parse(target);
            }
            catch (FormatException ex)
            {
                return "Not scheduled: " + ex.Message;
            }

            if (destination != here && !turn.SenderIsOwner)
            {
                return $"Not scheduled: only owners may schedule jobs for another conversation; this one is {here}.";
            }
        }

        var kind = string.IsNullOrWhiteSpace(prompt) ? ScheduledJobKind.Message : ScheduledJobKind.Agent;
        var created = await registry.CreateAsync(
            new JobRequest(
                message.AccountId, destination, creator, kind, (kind == ScheduledJobKind.Agent ? prompt : text) ?? string.Empty,
                Blank(at), delayMinutes, Blank(cron), Blank(timeZone)),
            cancellationToken);
        return created.Job is { } job
            ? $"Scheduled job {job.Id}: {JobDescriptions.When(job)}, to {job.Target}. The user can list jobs with /jobs and remove this one with /jobs remove {job.Id}."
            : "Not scheduled: " + created.Error;
    }

    public async Task<string> ListAsync(ToolTurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var creator = turn.SenderIsOwner ? null : turn.Message.Sender.StaffId;
        if (creator is null && !turn.SenderIsOwner)
        {
            return "No jobs: the sender has no staff id.";
        }

        var jobs = await registry.ListActiveAsync(turn.Message.AccountId, creator, cancellationToken);
        if (jobs.Count == 0)
        {
            return turn.SenderIsOwner ? "No active jobs on this account." : "The sender has no active jobs.";
        }

        var text = new StringBuilder().Append(jobs.Count).Append(jobs.Count == 1 ? " active job:" : " active jobs:");
        foreach (var job in jobs)
        {
            text.Append("\n- ").Append(JobDescriptions.Line(job));
        }

        return text.ToString();
    }

    public async Task<string> RemoveAsync(ToolTurnContext turn, string? id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (string.IsNullOrWhiteSpace(id))
        {
            return "Not removed: give the job id (see action list).";
        }

        return await registry.RemoveAsync(turn.Message.AccountId, id, turn.Message.Sender.StaffId, turn.SenderIsOwner, cancellationToken) switch
        {
            JobRemoval.Removed => $"Removed job {id.Trim()}.",
            JobRemoval.NotYours => $"Not removed: job {id.Trim()} belongs to someone else.",
            _ => $"Not removed: no job {id.Trim()}.",
        };
    }

    // Where "here" is: the group, or the sender's 1:1 chat.
    public static MessageTarget Here(InboundMessage message, string staffId)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Conversation == ConversationKind.Group
            ? new MessageTarget(MessageTargetKind.Group, message.ConversationId)
            : new MessageTarget(MessageTargetKind.User, staffId);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
