namespace DingGate.Chaos.Run;

/// <summary>Size and pace of one chaos run. The short form (CI) and the long form (bench) differ only in these.</summary>
internal sealed record ChaosOptions
{
    /// <summary>Messages injected in the burst (DMs and group @-messages, split over a markdown and a card app).</summary>
    public int Messages { get; init; } = 500;

    /// <summary><c>kill -9</c> of the gateway process during the burst, evenly spread; each is followed by a restart.</summary>
    public int Kills { get; init; } = 2;

    /// <summary>
    /// Messages injected per second (open loop), split evenly over the two apps: 10/s is 5/s per app, half of what one
    /// card app can answer within DingTalk's 20 QPS per API (docs/performance.md), so faults, not QPS, are tested.
    /// </summary>
    public double Rate { get; init; } = 10;

    /// <summary>Share of messages sent as @-messages in groups instead of DMs.</summary>
    public double GroupShare { get; init; } = 0.15;

    /// <summary>Users sending (each DM user is one session per app).</summary>
    public int Users { get; init; } = 40;

    /// <summary>How long the scripted model takes to stream one answer.</summary>
    public TimeSpan ModelDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>After the burst: how long to wait for the last answers, retries and redeliveries (faults are off by then).</summary>
    public TimeSpan SettleTimeout { get; init; } = TimeSpan.FromSeconds(150);

    /// <summary>The record must stay unchanged this long before it is judged (catches late duplicates).</summary>
    public TimeSpan QuietPeriod { get; init; } = TimeSpan.FromSeconds(6);

    /// <summary>
    /// A failing verdict is final only after this much quiet. Longer than DingTalk's per-minute window: a QpmLimit holds
    /// the API shut until the next minute (up to 60 s), the longest silent wait the gateway legitimately makes, and
    /// every turn waiting to finish its card sits in it (a CI run was once judged 26 s into such a wait).
    /// </summary>
    public TimeSpan FinalQuiet { get; init; } = TimeSpan.FromSeconds(75);

    /// <summary>Seed of the user/conversation picks, so a run can be repeated.</summary>
    public int Seed { get; init; } = 12;

    /// <summary>Where the gateway's state, config and logs go; a fresh temp folder when null (kept on failure).</summary>
    public string? WorkDirectory { get; init; }

    /// <summary>The short form run by CI: ~500 messages, two kills, every fault kind at least once.</summary>
    public static ChaosOptions Short => new();

    /// <summary>The long form run from bench/: 10,000 messages, more kills.</summary>
    public static ChaosOptions Long => new() { Messages = 10_000, Kills = 6, Users = 200, SettleTimeout = TimeSpan.FromMinutes(5) };
}
