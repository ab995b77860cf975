namespace DingGate.Cli.Storage;

/// <summary>Every table of the state, parents before children (the foreign keys of the outbox and the job occurrences).</summary>
internal static class StateTables
{
    public static IReadOnlyList<StateTable> All { get; } =
    [
        new("inbound_journal", "rowid"),
        new("dedup_marks", "scope, key"),
        new("pairing_pending", "rowid"),
        new("pairing_approved", "rowid"),
        new("open_cards", "rowid"),
        new("shown_indicators", "rowid"),
        new("session_messages", "account_id, scope, seq"),
        new("session_usage", "account_id, scope"),
        new("api_usage", "account_id, month"),
        new("quota_notices", "quota_group, month, step"),
        new("reply_outbox", "id"),
        new("reply_outbox_parts", "outbox_id, idx"),
        new("reply_outbox_attempts", "outbox_id, seq"),
        new("scheduled_jobs", "rowid"),
        new("job_occurrences", "job_id, due_at"),
        new("owner_approvals", "account_id, code"),
    ];

    /// <summary>
    /// Tables of the schemas that are not state and are never copied: <c>replicas</c> (each running gateway's heartbeat
    /// row, rewritten by the gateways themselves), and on PostgreSQL the shared limits' <c>rate_slots</c> and
    /// <c>shared_counters</c> (sliding windows and month counters of the running cluster, rebuilt from use), and
    /// <c>stop_requests</c> (a few seconds' life each, between replicas).
    /// </summary>
    public static IReadOnlyList<string> NotCopied { get; } = ["rate_slots", "replicas", "shared_counters", "stop_requests"];
}
