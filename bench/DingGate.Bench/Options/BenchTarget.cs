namespace DingGate.Bench.Options;

/// <summary>
/// One of issue 14's targets (<c>--target</c>): the load that measures it and what it expects. The bench reports the
/// measured figure next to the target and whether it was met; it never fails the run.
/// </summary>
internal sealed record BenchTarget
{
    public required string Name { get; init; }

    public required string Description { get; init; }

    public required int Apps { get; init; }

    public required int Conversations { get; init; }

    /// <summary><c>channels.dingtalk.apiQps</c> to write; null: not written (the gateway's default, 20).</summary>
    public int? ApiQps { get; init; }

    public required EmulatorQpsMode EmulatorQps { get; init; }

    /// <summary>DingTalk's per-IP limit on (one egress IP) or lifted (a target above 500 calls/s needs several IPs).</summary>
    public bool IpLimit { get; init; } = true;

    public double MinRepliesPerSecond { get; init; }

    /// <summary>Most calls the emulator may refuse for QPS (403/429/90018); null: not a target figure.</summary>
    public int? MaxThrottled { get; init; }

    /// <summary>Highest ACK p99 in milliseconds; null: not a target figure.</summary>
    public double? MaxAckP99Ms { get; init; }

    public static IReadOnlyList<BenchTarget> All { get; } =
    [
        new()
        {
            Name = "one-app", Apps = 1, Conversations = 20, ApiQps = null, EmulatorQps = EmulatorQpsMode.Sliding, MinRepliesPerSecond = 19, MaxThrottled = 0,
            Description = "1 app, 20 conversations in flight, apiQps 20 (the default), emulator enforcing 20/s per API in any one-second window, markdown: >= 19 replies/s, 0 refused",
        },
        new()
        {
            Name = "one-app-unlimited", Apps = 1, Conversations = 20, ApiQps = 1000, EmulatorQps = EmulatorQpsMode.Off, MinRepliesPerSecond = 300,
            Description = "1 app, 20 conversations in flight, apiQps 1000, emulator without limit, markdown: >= 300 replies/s",
        },
        new()
        {
            Name = "many-apps", Apps = 32, Conversations = 128, ApiQps = null, EmulatorQps = EmulatorQpsMode.Fixed, IpLimit = false, MinRepliesPerSecond = 1000, MaxAckP99Ms = 20,
            Description = "32 apps saturated (128 conversations in flight, 4 per app, as the in-process max phase), emulator enforcing 20/s per app and API, markdown: >= 1000 replies/s, ACK p99 <= 20 ms; DingTalk's per-IP limit (500 calls/s) lifted on both sides, since the target is above what one egress IP may call",
        },
    ];

    public static BenchTarget? Find(string name) => All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));
}
