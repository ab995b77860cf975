namespace DingGate.Chaos.Replicas;

/// <summary>Size and shape of one replicas run: N gateway processes on one PostgreSQL database against one emulator.</summary>
internal sealed record ReplicaOptions
{
    /// <summary>Gateway processes on the same configuration and database, each with its own state directory and replica id.</summary>
    public int Replicas { get; init; } = 3;

    public ReplicaScenario Scenario { get; init; } = ReplicaScenario.RestartMidRun;

    /// <summary>Messages injected in the burst, all DMs; each user writes to one app only, so a user is one session.</summary>
    public int Messages { get; init; } = 1000;

    public int Users { get; init; } = 200;

    /// <summary>Messages injected per second, both apps together (open loop).</summary>
    public double Rate { get; init; } = 10;

    /// <summary>How long the scripted model takes per answer; a slow model makes a killed replica hold ACKed, unanswered turns.</summary>
    public TimeSpan ModelDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Share of the burst after which the victim replica is killed.</summary>
    public double KillAt { get; init; } = 0.5;

    /// <summary>
    /// Add <c>coordination: { redis }</c> (a Redis server the run starts itself) so the replicas share their QPS buckets.
    /// On a build whose configuration does not know the key yet, the gateway only warns about it.
    /// </summary>
    public bool Redis { get; init; }

    /// <summary>Both apps answer in markdown (throughput: the card app's ~10 cards/s within 20 QPS per API caps the figure).</summary>
    public bool MarkdownOnly { get; init; }

    /// <summary>KillForGood: every message the dead replica held must be answered by another within this time of the kill.</summary>
    public TimeSpan TakeoverDeadline { get; init; } = TimeSpan.FromMinutes(2);

    public TimeSpan SettleTimeout { get; init; } = TimeSpan.FromSeconds(240);

    public TimeSpan QuietPeriod { get; init; } = TimeSpan.FromSeconds(6);

    /// <summary>A failing verdict is final after this much quiet: longer than a lease (at most 60 s) plus a minute's QPM window.</summary>
    public TimeSpan FinalQuiet { get; init; } = TimeSpan.FromSeconds(75);

    public int Seed { get; init; } = 17;

    public string? WorkDirectory { get; init; }

    /// <summary>The acceptance run of issue 17: three replicas, 1,000 messages from 200 users, one restarted mid-run.</summary>
    public static ReplicaOptions Long => new();

    /// <summary>CI: three replicas, 60 messages from 20 users, one kill -9 and restart.</summary>
    public static ReplicaOptions Short => new() { Messages = 60, Users = 20, Rate = 6, SettleTimeout = TimeSpan.FromSeconds(150) };

    /// <summary>CI: three replicas, one killed for good while it holds turns (a 3 s model keeps them in flight).</summary>
    public static ReplicaOptions ShortKillForGood => Short with { Scenario = ReplicaScenario.KillForGood, ModelDelay = TimeSpan.FromSeconds(3) };
}
