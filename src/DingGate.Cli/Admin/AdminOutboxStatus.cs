namespace DingGate.Cli.Admin;

/// <summary>An account's undelivered answers in the reply outbox: waiting for a retry, held as ambiguous, failed (see <c>dinggate outbox list</c>).</summary>
internal sealed record AdminOutboxStatus(int Pending, int Ambiguous, int Failed)
{
    public int Undelivered => Pending + Ambiguous + Failed;
}
