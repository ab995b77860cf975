using DingGate.Bench.Measure;
using DingGate.Bench.Model;
using DingGate.Bench.Options;
using DingGate.Bench.Report;
using DingGate.Bench.Rig;
using DingGate.Bench.Traffic;

namespace DingGate.Bench.Scenarios;

/// <summary>
/// The whole run: start emulator + gateway, warm up, the calls-per-reply table (both modes, three sizes, the model
/// streaming at a realistic speed), then per load mode: idle latency (one message at a time), a realistic rate on one
/// app (below DingTalk's per-app limit), one app saturated by closed-loop users (the per-app ceiling) and the same users
/// spread over several apps (the gateway's own ceiling).
/// </summary>
internal sealed class BenchRun(BenchOptions options, TextWriter progress)
{
    private const int IdleRate = 4;

    public async Task<BenchReport> RunAsync(CancellationToken cancellationToken)
    {
        var startedAt = TimeProvider.System.GetUtcNow();
        await progress.WriteLineAsync("Starting emulator + gateway…");
        await using var rig = await BenchRig.StartAsync(
            options.MaxApps, Math.Max(options.Concurrency, 4), e => EmulatorQps.Apply(e, options.EmulatorQps, options.EmulatorQpsLimit, options.IpLimit), cancellationToken);
        var traffic = new TrafficCollector(rig.Control, TrafficCollector.DefaultInterval);
        var phases = new PhaseRunner(new LoadDriver(rig.Control, rig.Tracker), traffic, progress);
        await progress.WriteLineAsync("Warming up (JIT, tokens, SQLite)…");
        await phases.RunAsync([Plan(rig.Apps, rig.Users, AnswerSize.Short, 0) with { Concurrency = rig.Apps.Count, MaxMessages = rig.Apps.Count * 3 }], cancellationToken);
        var startupRss = ProcessProbe.RssMiB();

        await progress.WriteLineAsync($"Calls per reply ({options.Repetitions} per mode and size, model at {options.StreamCharsPerSecond} chars/s)…");
        var rows = new List<CallsPerReplyRow>();
        var firstApps = rig.Apps.Where(a => a.AccountId.EndsWith("01", StringComparison.Ordinal)).ToList();
        foreach (var size in Enum.GetValues<AnswerSize>())
        {
            var runs = await phases.RunAsync(
                firstApps.Select((app, i) => Plan([app], [rig.Users[i]], size, options.StreamCharsPerSecond) with { MaxMessages = options.Repetitions }),
                cancellationToken);
            rows.AddRange(firstApps.Select((app, i) => CallsPerReplyAnalyzer.Analyze(app.ModeName, size, runs[i], traffic)));
        }

        var reports = new List<PhaseReport>();
        foreach (var mode in Modes())
        {
            var apps = rig.Apps.Where(a => a.ModeName == mode).ToList();
            var rate = options.Rate ?? (mode == "card" ? 5 : 10);
            var closed = $"{options.Concurrency} users, closed loop";
            // Paced well under one app's quota, so the idle figures show the gateway, not its rate limiter.
            reports.Add(await phases.MeasureAsync(("idle", mode, 1, $"1 user, {IdleRate} msg/s"),
                Plan([apps[0]], [rig.Users[2]], AnswerSize.Short, 0) with { Rate = IdleRate, MaxMessages = options.IdleMessages }, cancellationToken));
            reports.Add(await phases.MeasureAsync(("realistic rate", mode, 1, $"{rate:0.#} msg/s open loop"),
                LoadPlan(apps.Take(1).ToList(), rig.Users) with { Rate = rate }, cancellationToken));
            reports.Add(await phases.MeasureAsync(("1 app saturated", mode, 1, closed), LoadPlan(apps.Take(1).ToList(), rig.Users), cancellationToken));
            reports.Add(await phases.MeasureAsync(($"max: {apps.Count} apps", mode, apps.Count, closed), LoadPlan(apps, rig.Users), cancellationToken));
        }

        return new BenchReport
        {
            Machine = MachineInfo.Describe(), Options = Describe(), StartedAt = startedAt, StartupRssMiB = startupRss,
            CallsPerReply = rows, Phases = reports, PeakRssMiB = ProcessProbe.PeakRssMiB(), ManagedHeapMiB = ProcessProbe.ManagedHeapMiB(),
            Notes = BenchNotes.For(reports, rows),
        };
    }

    private LoadPlan LoadPlan(IReadOnlyList<BenchApp> apps, IReadOnlyList<string> users) =>
        Plan(apps, users, options.LoadAnswer, 0) with
        {
            Concurrency = options.Concurrency, Duration = options.Duration, MaxMessages = options.MaxMessages,
        };

    private static LoadPlan Plan(IReadOnlyList<BenchApp> apps, IReadOnlyList<string> users, AnswerSize size, int charsPerSecond) => new()
    {
        Apps = apps, Users = users, Text = n => AnswerScript.Request(size, charsPerSecond, n),
    };

    private IEnumerable<string> Modes() => options.Mode switch
    {
        BenchMode.Markdown => ["markdown"],
        BenchMode.Card => ["card"],
        _ => ["markdown", "card"],
    };

    private string Describe() =>
        $"duration {options.Duration.TotalSeconds:0}s, rate {(options.Rate is { } r ? $"{r:0.#}" : "10 (markdown) / 5 (card)")} msg/s, concurrency {options.Concurrency}, " +
        $"mode {options.Mode.ToString().ToLowerInvariant()}, apps {options.MaxApps}, load answer {options.LoadAnswer.ToString().ToLowerInvariant()}, " +
        $"idle {options.IdleMessages}, repetitions {options.Repetitions}, stream {options.StreamCharsPerSecond} chars/s, " +
        $"emulator QPS limit {(options.EmulatorQps == EmulatorQpsMode.Off ? "off" : $"{options.EmulatorQpsLimit}/s")}{(options.Quick ? ", quick" : string.Empty)}";
}
