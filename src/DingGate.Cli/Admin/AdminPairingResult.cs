namespace DingGate.Cli.Admin;

/// <summary>Answer of <c>POST /pairing/approve</c>: the approved user id, or the error.</summary>
internal sealed record AdminPairingResult(string? Approved, string? Error);
