namespace DingGate.Agent.Sessions;

// The work of one session: the turns waiting and the one running. Guarded by the queue's lock.
internal sealed class SessionLane
{
    public Queue<QueuedTurn> Pending { get; } = new();

    public QueuedTurn? Current { get; set; }

    public CancellationTokenSource? CurrentStop { get; set; }

    public Task? Worker { get; set; }
}
