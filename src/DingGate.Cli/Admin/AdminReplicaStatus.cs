namespace DingGate.Cli.Admin;

/// <summary>
/// One live replica in <see cref="AdminStatus"/>, from its heartbeat row (this process: fresh, <c>Self</c> true):
/// where it runs, since when, its last heartbeat, each account's Stream link and the turns it runs.
/// </summary>
internal sealed record AdminReplicaStatus(
    string Id,
    string Host,
    int Pid,
    string Version,
    DateTimeOffset StartedAt,
    DateTimeOffset HeartbeatAt,
    IReadOnlyList<AdminReplicaAccount> Accounts,
    int TurnsRunning,
    bool Self);
