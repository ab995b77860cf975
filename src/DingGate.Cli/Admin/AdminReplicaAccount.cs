namespace DingGate.Cli.Admin;

/// <summary>An account of a replica and its Stream link (connected, reconnecting, retrying, failed…).</summary>
internal sealed record AdminReplicaAccount(string Id, string Link);
