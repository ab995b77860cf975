using DingGate.Bench.Measure;
using DingGate.Bench.Report;
using DingGate.Bench.Traffic;

namespace DingGate.Bench.Scenarios;

/// <summary>Runs one load plan between a clean traffic record and a settled quota window, and measures it.</summary>
internal sealed class PhaseRunner(LoadDriver driver, TrafficCollector traffic, TextWriter progress)
{
    // DingTalk's QPS windows are whole seconds: let the previous phase's window pass before the next one starts.
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(1100);

    /// <summary>Runs the plans side by side under one traffic record (read it from the collector afterwards).</summary>
    public async Task<LoadResult[]> RunAsync(IEnumerable<LoadPlan> plans, CancellationToken cancellationToken)
    {
        await Task.Delay(Settle, TimeProvider.System, cancellationToken);
        await traffic.SkipExistingAsync(cancellationToken);
        traffic.Start();
        var runs = await Task.WhenAll(plans.Select(plan => driver.RunAsync(plan, cancellationToken)));
        await traffic.StopAsync(cancellationToken);
        return runs;
    }

    public async Task<PhaseReport> MeasureAsync((string Name, string Mode, int Apps, string Load) label, LoadPlan plan, CancellationToken cancellationToken)
    {
        await progress.WriteLineAsync($"  {label.Name} / {label.Mode}: {label.Apps} app(s), {label.Load}…");
        await Task.Delay(Settle, TimeProvider.System, cancellationToken);
        await traffic.SkipExistingAsync(cancellationToken);
        traffic.Start();
        var cpu = ProcessProbe.CpuTime();
        var wall = System.Diagnostics.Stopwatch.StartNew();
        var run = await driver.RunAsync(plan, cancellationToken);
        var cpuUsed = ProcessProbe.CpuTime() - cpu;
        var elapsed = wall.Elapsed;
        await traffic.StopAsync(cancellationToken);
        return PhaseAnalyzer.Analyze(label, run, traffic, cpuUsed, elapsed);
    }
}
