using System.Globalization;
using DingGate.Bench.Measure;
using DingGate.Bench.Model;
using DingGate.Bench.Options;
using DingGate.Bench.Report;
using DingGate.Bench.Rig;
using DingGate.Bench.Scenarios;
using DingGate.Bench.Traffic;
using DingGate.Harness;

namespace DingGate.Bench.ProcessMode;

/// <summary>
/// A <c>--gateway-process</c> run: build the gateway if it is missing, start the rig, warm up (three messages per app),
/// then one closed-loop phase per mode: <see cref="BenchOptions.Concurrency"/> conversations over
/// <see cref="BenchOptions.MaxApps"/> apps for <see cref="BenchOptions.Duration"/>, completions learnt from the
/// emulator's record; with a target, its figures next to the measured ones.
/// </summary>
internal sealed class ProcessBenchRun(BenchOptions options, TextWriter progress)
{
    // A reply not seen complete within this is counted lost (the closed-loop user moves on).
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(30);

    public async Task<ProcessBenchReport> RunAsync(CancellationToken cancellationToken)
    {
        var startedAt = TimeProvider.System.GetUtcNow();
        await GatewayProcess.EnsureBuiltAsync(progress, cancellationToken);
        var modes = Modes();
        var apps = BenchApp.Create(options.MaxApps, markdown: modes.Contains("markdown"), card: modes.Contains("card"));
        await progress.WriteLineAsync($"Starting emulator + fake model here, the gateway as a child process ({apps.Count} accounts)…");
        await using var rig = await GatewayProcessRig.StartAsync(options, apps, Math.Max(options.Concurrency, 4), progress, cancellationToken);
        var watcher = new CompletionWatcher(rig.Tracker);
        var traffic = new TrafficCollector(rig.Control, options.PollInterval, watcher);
        var phases = new PhaseRunner(new LoadDriver(rig.Control, rig.Tracker), traffic, progress, rig.Probe);
        await progress.WriteLineAsync("Warming up (JIT, tokens, SQLite)…");
        await phases.RunAsync([Plan(apps, rig.Users) with { Concurrency = apps.Count, MaxMessages = apps.Count * 3, Duration = TimeSpan.FromMinutes(2) }], cancellationToken);
        rig.EnsureRunning();
        var gatewayStartupRss = rig.Probe.RssMiB();

        var reports = new List<PhaseReport>();
        var name = options.Target?.Name ?? "closed loop";
        foreach (var mode in modes)
        {
            var modeApps = apps.Where(a => a.ModeName == mode).ToList();
            reports.Add(await phases.MeasureAsync((name, mode, modeApps.Count, $"{options.Concurrency} conversations, closed loop"),
                Plan(modeApps, rig.Users) with { Concurrency = options.Concurrency, Duration = options.Duration, MaxMessages = options.MaxMessages },
                cancellationToken));
            rig.EnsureRunning();
        }

        var target = options.Target;
        var measured = reports.FirstOrDefault(r => r.Mode == "markdown") ?? reports[0];
        return new ProcessBenchReport
        {
            Machine = MachineInfo.Describe(), Options = Describe(), StartedAt = startedAt,
            Target = target is null ? null : $"{target.Name}: {target.Description}",
            TargetChecks = target is null ? [] : TargetChecks.For(target, measured),
            Phases = reports, GatewayStartupRssMiB = gatewayStartupRss, GatewayPeakRssMiB = rig.Probe.PeakRssMiB(), BenchPeakRssMiB = ProcessProbe.PeakRssMiB(),
            Notes = [.. Overrides(), .. BenchNotes.For(reports, [])],
        };
    }

    // Where options given on the command line changed what the target prescribes, so the verdict is read with that in mind.
    private IEnumerable<string> Overrides()
    {
        if (options.Target is not { } t)
        {
            yield break;
        }

        string Qps(int? q) => q is { } v ? v.ToString(CultureInfo.InvariantCulture) : "not written";
        if (options.ApiQps != t.ApiQps)
        {
            yield return $"apiQps {Qps(options.ApiQps)} instead of the target's {Qps(t.ApiQps)} (--api-qps).";
        }

        if (options.EmulatorQps != t.EmulatorQps)
        {
            yield return $"emulator QPS limit {options.EmulatorQps.ToString().ToLowerInvariant()} instead of the target's {t.EmulatorQps.ToString().ToLowerInvariant()}.";
        }

        if (options.MaxApps != t.Apps || options.Concurrency != t.Conversations)
        {
            yield return $"{options.MaxApps} apps and {options.Concurrency} conversations instead of the target's {t.Apps} and {t.Conversations}.";
        }
    }

    private static LoadPlan Plan(IReadOnlyList<BenchApp> apps, IReadOnlyList<string> users) => new()
    {
        Apps = apps, Users = users, Text = n => AnswerScript.Request(AnswerSize.Short, 0, n), ReplyTimeout = ReplyTimeout,
    };

    private List<string> Modes() => options.Mode switch
    {
        BenchMode.Card => ["card"],
        BenchMode.Both => ["markdown", "card"],
        _ => ["markdown"],
    };

    private string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"gateway process, {(options.Target is { } t ? $"target {t.Name}, " : string.Empty)}duration {options.Duration.TotalSeconds:0}s, " +
        $"conversations {options.Concurrency}, apps {options.MaxApps}, mode {options.Mode.ToString().ToLowerInvariant()}, answer short, " +
        $"apiQps {(options.ApiQps is { } q ? q.ToString(CultureInfo.InvariantCulture) : "not written (gateway default)")}, " +
        $"maxConcurrentTurns {(options.MaxTurns is { } m ? m.ToString(CultureInfo.InvariantCulture) : "not written")}, " +
        $"emulator QPS limit {(options.EmulatorQps == EmulatorQpsMode.Off ? "off" : $"{options.EmulatorQps.ToString().ToLowerInvariant()} {options.EmulatorQpsLimit}/s per app and API")}, " +
        $"per-IP limit {(options.IpLimit ? "on" : "lifted")}, completion poll {options.PollInterval.TotalMilliseconds:0} ms");
}
