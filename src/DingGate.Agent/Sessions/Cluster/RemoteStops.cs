using System.Collections.Concurrent;
using DingGate.Core.Cluster;
using DingGate.Core.Sessions;
using Microsoft.Extensions.Logging;

namespace DingGate.Agent.Sessions.Cluster;

/// <summary>
/// <c>/stop</c> across replicas (clustered gateways only; issue 17). DingTalk spreads an app's pushes over every open
/// connection, so the <c>/stop</c> often reaches another replica than the one running the turn.
/// <list type="bullet">
/// <item>Requester (<see cref="RequestAsync"/>, when no turn of the session runs here): records a stop request, every
/// replica is signalled, and it waits up to <see cref="HonourWait"/> for one to claim it. Then it withdraws the request:
/// the withdrawal and the claim are exclusive, so the answer ("stopped" or "nothing running") is decided by the store
/// and a request never outlives its answer (it cannot stop a later turn).</item>
/// <item>Every replica (<see cref="OnRequestedAsync"/>, from the signal or the safety poll): when a turn of that session
/// runs here, it claims the request and cancels the turn as a local <c>/stop</c> does (same reply end, same texts, the
/// card ended the same way).</item>
/// </list>
/// The loops that feed it are <see cref="RemoteStopLoop"/>'s.
/// </summary>
internal sealed partial class RemoteStops(IStopRequests requests, SessionQueue queue, ReplicaIdentity replica, TimeProvider time, ILogger<RemoteStops> logger)
{
    /// <summary>How long the requester waits for a replica running the turn (and how long the request lives).</summary>
    public static readonly TimeSpan HonourWait = TimeSpan.FromSeconds(3);

    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiting = new(StringComparer.Ordinal);

    public IStopRequests Requests => requests;

    /// <summary>Whether any turn runs here (the safety poll looks only then).</summary>
    public bool AnyRunning => queue.RunningTurns > 0;

    /// <summary>Asks the other replicas to stop the running turn of <paramref name="key"/>; true when one did.</summary>
    public async Task<bool> RequestAsync(SessionKey key, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString("N");
        var honoured = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[id] = honoured;
        try
        {
            var now = time.GetUtcNow();
            await requests.RecordAsync(new StopRequest(id, key.AccountId, key.Scope, replica.Id, now, now + HonourWait), cancellationToken);
            LogRequested(key, id);
            try
            {
                await honoured.Task.WaitAsync(HonourWait, time, cancellationToken);
            }
            catch (TimeoutException)
            {
                // Nobody claimed it in time (or its signal was lost): the withdrawal below decides.
            }

            var stopped = !await requests.WithdrawAsync(id, CancellationToken.None);
            LogAnswered(key, id, stopped);
            return stopped;
        }
        finally
        {
            _waiting.TryRemove(id, out _);
        }
    }

    /// <summary>A request was recorded (by any replica, this one too): stops the running turn of its session here, if any.</summary>
    public async Task OnRequestedAsync(string id, string accountId, string scope, CancellationToken cancellationToken)
    {
        var key = new SessionKey(accountId, scope);
        if (!queue.IsRunning(key) || !await requests.HonourAsync(id, replica.Id, time.GetUtcNow(), cancellationToken))
        {
            return;
        }

        // Claimed: the requester answers "stopped". A turn that ended by itself in between was not stopped, but was over.
        var stopped = queue.StopRunning(key);
        LogHonoured(key, id, stopped);
    }

    /// <summary>A replica honoured a request: its requester (if it is this replica) answers at once.</summary>
    public void OnHonoured(string id)
    {
        if (_waiting.TryGetValue(id, out var waiter))
        {
            waiter.TrySetResult();
        }
    }

    [LoggerMessage(EventId = 5121, Level = LogLevel.Information, Message = "Session {SessionKey}: no turn runs here; stop request {RequestId} sent to the other replicas")]
    private partial void LogRequested(SessionKey sessionKey, string requestId);

    [LoggerMessage(EventId = 5122, Level = LogLevel.Information, Message = "Session {SessionKey}: stop request {RequestId} answered (stopped by a replica: {Stopped})")]
    private partial void LogAnswered(SessionKey sessionKey, string requestId, bool stopped);

    [LoggerMessage(EventId = 5123, Level = LogLevel.Information, Message = "Session {SessionKey}: stop request {RequestId} from another replica honoured (turn cancelled: {Stopped})")]
    private partial void LogHonoured(SessionKey sessionKey, string requestId, bool stopped);
}
