namespace DingGate.Bench.Options;

/// <summary>What one benchmark run does. Every phase is bounded in time and in message count.</summary>
internal sealed record BenchOptions
{
    /// <summary>Length of each sustained-load phase.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Closed loop: this many virtual users, each sending its next message when its previous reply is complete.</summary>
    public int Concurrency { get; init; } = 128;

    /// <summary>Messages per second offered in the realistic-rate phase (open loop; a user still has one message in flight at most). Null: per mode default.</summary>
    public double? Rate { get; init; }

    public BenchMode Mode { get; init; } = BenchMode.Both;

    /// <summary>DingTalk apps (gateway accounts) per mode in the max-rate phase; the realistic phase uses one.</summary>
    public int MaxApps { get; init; } = 32;

    /// <summary>Upper bound on the messages one load phase injects.</summary>
    public int MaxMessages { get; init; } = 200_000;

    /// <summary>Answer size used by the load phases.</summary>
    public Model.AnswerSize LoadAnswer { get; init; } = Model.AnswerSize.Short;

    /// <summary>Messages per mode in the idle-latency phase (one user, 4 per second).</summary>
    public int IdleMessages { get; init; } = 60;

    /// <summary>Replies per mode and size in the calls-per-reply phase.</summary>
    public int Repetitions { get; init; } = 3;

    /// <summary>How fast the fake model streams in the calls-per-reply phase (characters per second); 0 = zero latency.</summary>
    public int StreamCharsPerSecond { get; init; } = 2000;

    public bool Quick { get; init; }

    /// <summary>Run the built <c>dinggate gateway</c> as its own process (one closed-loop phase per mode) instead of in-process.</summary>
    public bool GatewayProcess { get; init; }

    /// <summary>The issue-14 target this run measures (process mode), or null.</summary>
    public BenchTarget? Target { get; init; }

    /// <summary><c>channels.dingtalk.apiQps</c> written to the child's config; null: not written (process mode only).</summary>
    public int? ApiQps { get; init; }

    /// <summary><c>agents.maxConcurrentTurns</c> written to the child's config; null: not written (process mode only).</summary>
    public int? MaxTurns { get; init; }

    public EmulatorQpsMode EmulatorQps { get; init; } = EmulatorQpsMode.Fixed;

    /// <summary>DingTalk's per-IP limit on (the emulator's and the gateway's); off lifts both (<c>--ip-limit off</c>).</summary>
    public bool IpLimit { get; init; } = true;

    /// <summary>Calls per second per app and API the emulator allows when it enforces a limit (DingTalk's standard edition: 20).</summary>
    public int EmulatorQpsLimit { get; init; } = 20;

    /// <summary>Keep the child gateway's work directory (config, state, logs, gateway.out.log) after the run.</summary>
    public bool KeepWork { get; init; }

    /// <summary>How often the process mode reads the emulator's record to learn reply completions.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(25);

    public bool Json { get; init; }

    /// <summary>The 10 s smoke run: every phase, tiny.</summary>
    public static BenchOptions QuickRun(BenchOptions o) => o with
    {
        Quick = true, Duration = TimeSpan.FromSeconds(1), Concurrency = Math.Min(o.Concurrency, 16), MaxApps = Math.Min(o.MaxApps, 2),
        IdleMessages = 10, Repetitions = 1, StreamCharsPerSecond = 20_000,
    };
}
