namespace DingGate.Cli.Admin;

/// <summary>Body of <c>POST /pairing/approve</c>.</summary>
internal sealed record AdminPairingApproval(string Account, string Code);
