namespace DingGate.Agent.Sessions.Commands;

// "/jobs" (list the sender's scheduled jobs) or "/jobs remove <id>"; Id is null when remove was typed without one.
internal sealed record JobsCommand(bool Remove, string? Id);
