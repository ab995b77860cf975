using DingGate.Core.Coordination;
using StackExchange.Redis;

namespace DingGate.Coordination.Redis;

/// <summary>
/// <see cref="ISharedRateWindows"/> in Redis: one sorted set per key (the takes of the last window), decided by one Lua
/// script per take (<see cref="RedisScripts.Take"/>). While Redis is out of reach the replica's own share applies
/// (<see cref="LocalShareWindows"/> at <c>limit / replicas</c>); the switch and the way back are
/// <see cref="RedisCoordination"/>'s.
/// </summary>
internal sealed class RedisRateWindows(RedisCoordination coordination, TimeProvider time) : ISharedRateWindows
{
    private long _seq;

    public async ValueTask<SharedWindowTake> TryTakeAsync(string key, int limit, TimeSpan window, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!coordination.IsDown)
        {
            var member = $"{coordination.ReplicaId}:{Interlocked.Increment(ref _seq)}";
            var windowMicros = window.Ticks / 10;
            try
            {
                var wait = (long)await coordination.Database.ScriptEvaluateAsync(
                    RedisScripts.Take, [RedisCoordination.Key(key)],
                    [RedisCoordination.Micros(time.GetUtcNow()), windowMicros, limit, member]);
                return wait == 0 ? SharedWindowTake.Taken : SharedWindowTake.Wait(TimeSpan.FromTicks(Math.Min(wait, windowMicros) * 10));
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                coordination.Lost(ex);
            }
        }

        var (granted, retryAfter) = coordination.Local.TryTake(key, limit / coordination.Replicas, window);
        return granted ? SharedWindowTake.Taken : SharedWindowTake.Wait(retryAfter);
    }
}
