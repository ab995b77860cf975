namespace DingGate.Core.Configuration;

/// <summary><c>gateway</c>: where the running gateway keeps its state and logs.</summary>
public sealed class GatewaySettings
{
    /// <summary>State directory (default <c>~/.dinggate</c>, or <c>DINGGATE_STATE_DIR</c>).</summary>
    public string? StateDir { get; set; }

    /// <summary>Log directory (default <c>&lt;stateDir&gt;/logs</c>).</summary>
    public string? LogDir { get; set; }

    /// <summary>Port of the admin endpoint on 127.0.0.1 (health, readiness, metrics, status); default 18790, 0 any free port.</summary>
    public int? AdminPort { get; set; }

    /// <summary><c>gateway.admin</c>.</summary>
    public GatewayAdminSettings Admin { get; set; } = new();

    /// <summary>
    /// <c>gateway.reload</c>: whether the running gateway watches its config file and applies valid edits without a
    /// restart (default true; docs/configuration.md, "Reload").
    /// </summary>
    public bool? Reload { get; set; }

    /// <summary>
    /// <c>gateway.replicaId</c>: this process's id among replicas sharing one database (default
    /// <c>&lt;host&gt;-&lt;pid&gt;-&lt;random&gt;</c>, new at every start). Must differ between live replicas.
    /// </summary>
    public string? ReplicaId { get; set; }

    /// <summary>
    /// <c>gateway.leaseSeconds</c>: how long a replica's claim on a message, card or outbox entry stays valid without
    /// renewal (default 30, 5 to 60); what a dead replica held is taken over by another after it.
    /// </summary>
    public int? LeaseSeconds { get; set; }

    /// <summary>Minimum log level: trace, debug, information (default), warning, error.</summary>
    public string? LogLevel { get; set; }
}
