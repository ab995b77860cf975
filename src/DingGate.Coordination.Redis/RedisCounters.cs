using DingGate.Core.Coordination;
using StackExchange.Redis;

namespace DingGate.Coordination.Redis;

/// <summary>
/// <see cref="ISharedCounters"/> in Redis: <c>INCRBY</c> on a counter created at its seed when missing, in one Lua
/// script (<see cref="RedisScripts.Add"/>). Null while Redis is out of reach: the caller keeps its delta.
/// </summary>
internal sealed class RedisCounters(RedisCoordination coordination) : ISharedCounters
{
    public async ValueTask<long?> AddAsync(string key, long delta, long seed, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (coordination.IsDown)
        {
            return null;
        }

        try
        {
            return (long)await coordination.Database.ScriptEvaluateAsync(
                RedisScripts.Add, [RedisCoordination.Key(key)], [delta, seed, (long)lifetime.TotalMilliseconds]);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            coordination.Lost(ex);
            return null;
        }
    }
}
