namespace DingGate.Core.Cluster;

/// <summary>One account of a replica and its Stream link: connected, connecting, reconnecting, retrying, failed…</summary>
public sealed record ReplicaAccount(string Id, string Link);
