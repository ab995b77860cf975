namespace DingGate.DingTalk.Policies.Owners;

/// <summary>An owner command as typed: its kind, the name used (e.g. <c>/批准</c>) and its argument (empty when none).</summary>
internal sealed record OwnerCommand(OwnerCommandKind Kind, string Name, string Argument);
