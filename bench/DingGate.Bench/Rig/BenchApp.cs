namespace DingGate.Bench.Rig;

/// <summary>One DingTalk app of the emulator and the gateway account connected to it.</summary>
internal sealed record BenchApp(string AccountId, string ClientId, string ClientSecret, bool Card)
{
    public string ModeName => Card ? "card" : "markdown";

    public static IReadOnlyList<BenchApp> Create(int perMode, bool markdown = true, bool card = true) =>
    [
        .. Enumerable.Range(1, markdown ? perMode : 0).Select(i => new BenchApp($"md{i:00}", $"dingbenchmd{i:00}", $"bench-md-secret-{i:00}", Card: false)),
        .. Enumerable.Range(1, card ? perMode : 0).Select(i => new BenchApp($"card{i:00}", $"dingbenchcard{i:00}", $"bench-card-secret-{i:00}", Card: true)),
    ];
}
