namespace DingGate.Coordination.Redis;

// The Lua scripts of the shared limits: each runs atomically in Redis (StackExchange.Redis sends EVALSHA once the
// script is known to the server). Times are microseconds since the Unix epoch from the replicas' TimeProvider: hosts
// must keep their clocks in sync (NTP); a skew eats into the window's margin.
internal static class RedisScripts
{
    // Sliding window log in a sorted set (score = take time). KEYS[1] the window; ARGV now, window, limit, member.
    // 0 when taken, else the microseconds until the oldest take leaves the window (at least 1).
    public const string Take = """
        local now = tonumber(ARGV[1])
        local window = tonumber(ARGV[2])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
        if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[3]) then
          redis.call('ZADD', KEYS[1], now, ARGV[4])
          redis.call('PEXPIRE', KEYS[1], math.ceil(window / 1000) + 1000)
          return 0
        end
        local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
        return math.max(1, tonumber(oldest[2]) + window - now)
        """;

    // A counter created at a seed when missing. KEYS[1] the counter; ARGV delta, seed, lifetime (ms). The new total.
    public const string Add = """
        if redis.call('EXISTS', KEYS[1]) == 0 then
          redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
        end
        return redis.call('INCRBY', KEYS[1], ARGV[1])
        """;

    // The replicas' presence: a sorted set of replica id → expiry. KEYS[1] the set; ARGV now, expiry (ms), id.
    // Drops the expired, renews this replica, returns how many are live.
    public const string Presence = """
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
        redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
        redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) - tonumber(ARGV[1]))
        return redis.call('ZCARD', KEYS[1])
        """;
}
