using DingGate.Core.Replies;
using DingGate.Core.Scheduling;

namespace DingGate.Agent.Scheduling;

// A job to create, as the schedule tool got it: exactly one of At (ISO 8601; without an offset read in the zone),
// DelayMinutes or Cron; TimeZone null: tools.schedule.timeZone.
internal sealed record JobRequest(
    string AccountId,
    MessageTarget Target,
    string Creator,
    ScheduledJobKind Kind,
    string Text,
    string? At,
    int? DelayMinutes,
    string? Cron,
    string? TimeZone);
