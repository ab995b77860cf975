namespace DingGate.Agent.Sessions;

// Runs one turn the queue hands out and completes its sink (not disposing it: the queue does).
internal interface ISessionTurnRunner
{
    // stopToken: the user asked to stop this turn (/stop); shutdownToken: the gateway's stop deadline passed.
    Task RunAsync(QueuedTurn turn, CancellationToken stopToken, CancellationToken shutdownToken);
}
