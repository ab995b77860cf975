using DingGate.Core.Coordination;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace DingGate.Coordination.Redis;

/// <summary>
/// One replica's link to the Redis of <c>coordination.redis</c> (issue 17, "Shared limits"): the connection (short
/// timeouts, commands fail at once while disconnected instead of queueing), whether Redis answers, and how many
/// replicas are live (each keeps its id in a presence set with an expiry, renewed every <see cref="PresencePeriod"/>).
/// When a command fails the replica switches to <see cref="LocalShareWindows"/> at <c>1 / N</c> of each limit and logs
/// it once; <see cref="RunAsync"/> asks Redis again every <see cref="ProbePeriod"/>, writes the takes of the outage back
/// and switches back (logged). Keys are prefixed with <c>dinggate:</c>: one Redis database per DingGate cluster.
/// </summary>
internal sealed partial class RedisCoordination : ISharedLimitsLoop, IAsyncDisposable, IDisposable
{
    /// <summary>How often a replica renews its presence while Redis answers.</summary>
    public static readonly TimeSpan PresencePeriod = TimeSpan.FromSeconds(5);

    /// <summary>How long a presence lasts without renewal (a stopped replica leaves the count after it).</summary>
    public static readonly TimeSpan PresenceTtl = TimeSpan.FromSeconds(15);

    /// <summary>How often Redis is asked again during an outage.</summary>
    public static readonly TimeSpan ProbePeriod = TimeSpan.FromSeconds(1);

    /// <summary>The replicas assumed when Redis was never reached (no presence seen yet).</summary>
    public const int AssumedReplicas = 2;

    private const string Prefix = "dinggate:";
    private static readonly RedisKey PresenceKey = Prefix + "replicas";
    private readonly ConnectionMultiplexer _connection;
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private DateTimeOffset? _downSince;
    private int _replicas;

    private RedisCoordination(ConnectionMultiplexer connection, string replicaId, TimeProvider time, ILogger logger)
    {
        _connection = connection;
        ReplicaId = replicaId;
        _time = time;
        _logger = logger;
        Local = new LocalShareWindows(time);
    }

    /// <summary>This replica's id (presence member, and the prefix of its takes' members).</summary>
    public string ReplicaId { get; }

    /// <summary>The limits kept alone during an outage.</summary>
    public LocalShareWindows Local { get; }

    public IDatabase Database => _connection.GetDatabase();

    /// <summary>True while Redis is out of reach (the local share is in force).</summary>
    public bool IsDown
    {
        get
        {
            lock (_gate)
            {
                return _downSince is not null;
            }
        }
    }

    /// <summary>Live replicas last seen (<see cref="AssumedReplicas"/> before the first presence).</summary>
    public int Replicas => Volatile.Read(ref _replicas) is > 0 and var n ? n : AssumedReplicas;

    /// <summary>
    /// Connects (waits at most the connect timeout; an unreachable Redis gives a connection that retries in the
    /// background, and the first command starts an outage). Timeouts not given in <paramref name="configuration"/>
    /// are short: 2 s to connect, 1 s per command.
    /// </summary>
    public static RedisCoordination Connect(string configuration, string replicaId, TimeProvider time, ILogger logger)
    {
        var options = ConfigurationOptions.Parse(configuration, ignoreUnknown: false);
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ClientName ??= "dinggate-" + replicaId;
        if (!Given(configuration, "connectTimeout"))
        {
            options.ConnectTimeout = 2000;
        }

        if (!Given(configuration, "syncTimeout"))
        {
            options.SyncTimeout = 1000;
        }

        if (!Given(configuration, "asyncTimeout"))
        {
            options.AsyncTimeout = 1000;
        }

        return new RedisCoordination(ConnectionMultiplexer.Connect(options), replicaId, time, logger);
    }

    /// <summary>The Redis key of a shared name.</summary>
    public static RedisKey Key(string name) => Prefix + name;

    /// <summary>A command failed for want of Redis: from now on the local share (logged once per outage).</summary>
    public void Lost(Exception exception)
    {
        lock (_gate)
        {
            if (_downSince is not null)
            {
                return;
            }

            _downSince = _time.GetUtcNow();
            Local.BeginOutage();
        }

        LogLost(_logger, Replicas, exception.GetType().Name, exception);
    }

    /// <summary>Renews the presence (or, during an outage, asks whether Redis is back) until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await BeatAsync();
                await Task.Delay(IsDown ? ProbePeriod : PresencePeriod, _time, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the presence is left to expire (or removed on dispose).
        }
    }

    /// <summary>One presence renewal; ends an outage when Redis answers. False when Redis did not answer.</summary>
    public async Task<bool> BeatAsync()
    {
        var now = _time.GetUtcNow();
        try
        {
            var live = (long)await Database.ScriptEvaluateAsync(
                RedisScripts.Presence, [PresenceKey],
                [now.ToUnixTimeMilliseconds(), (now + PresenceTtl).ToUnixTimeMilliseconds(), ReplicaId]);
            Volatile.Write(ref _replicas, (int)Math.Clamp(live, 1, int.MaxValue));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Lost(ex);
            return false;
        }

        if (IsDown)
        {
            await RecoverAsync();
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_connection.IsConnected)
            {
                await Database.SortedSetRemoveAsync(PresenceKey, ReplicaId);
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Gone anyway: the presence expires.
        }

        await _connection.DisposeAsync();
    }

    // A container disposed synchronously: the connection closes, the presence expires on its own.
    public void Dispose() => _connection.Dispose();

    // Redis answers again: the takes of the outage go back into its windows first, so the cluster counts them.
    private async Task RecoverAsync()
    {
        try
        {
            foreach (var (key, window, taken) in Local.Recent())
            {
                var entries = taken.Select((t, i) => new SortedSetEntry($"{ReplicaId}:r{t.UtcTicks}:{i}", Micros(t))).ToArray();
                await Database.SortedSetAddAsync(Key(key), entries);
                await Database.KeyExpireAsync(Key(key), window + TimeSpan.FromSeconds(1));
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return; // still not reliable: the next probe tries again
        }

        TimeSpan outage;
        lock (_gate)
        {
            if (_downSince is not { } since)
            {
                return;
            }

            outage = _time.GetUtcNow() - since;
            _downSince = null;
        }

        LogRecovered(_logger, outage.TotalSeconds, Replicas);
    }

    /// <summary>Microseconds since the Unix epoch (the scores of the windows).</summary>
    public static long Micros(DateTimeOffset at) => (at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    private static bool Given(string configuration, string option) =>
        configuration.Split(',').Any(p => p.TrimStart().StartsWith(option + "=", StringComparison.OrdinalIgnoreCase));

    [LoggerMessage(EventId = 7101, Level = LogLevel.Warning,
        Message = "Redis (coordination.redis) is out of reach: the shared DingTalk limits are kept by this replica alone at 1/{Replicas} of each limit ({Replicas} replicas last seen) until it answers again ({Reason})")]
    private static partial void LogLost(ILogger logger, int replicas, string reason, Exception exception);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Information,
        Message = "Redis (coordination.redis) answers again after {Seconds:0.0} s: the DingTalk limits are shared again ({Replicas} replicas live)")]
    private static partial void LogRecovered(ILogger logger, double seconds, int replicas);
}
