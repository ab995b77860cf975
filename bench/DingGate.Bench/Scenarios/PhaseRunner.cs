using DingGate.Bench.Measure;
using DingGate.Bench.Report;
using DingGate.Bench.Traffic;

namespace DingGate.Bench.Scenarios;

/// <summary>
/// Runs one load plan between a clean traffic record and a settled quota window, and measures it (with the gateway
/// process's own CPU and memory when <paramref name="gateway"/> is given).
/// </summary>
internal sealed class PhaseRunner(LoadDriver driver, TrafficCollector traffic, TextWriter progress, GatewayProbe? gateway = null)
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
        var gatewayCpu = gateway?.CpuTime();
        var wall = System.Diagnostics.Stopwatch.StartNew();
        var run = await driver.RunAsync(plan, cancellationToken);
        var cpuUsed = ProcessProbe.CpuTime() - cpu;
        var gatewayCpuUsed = gateway?.CpuTime() - gatewayCpu;
        var elapsed = wall.Elapsed;
        await traffic.StopAsync(cancellationToken);
        var report = PhaseAnalyzer.Analyze(label, run, traffic, cpuUsed, elapsed);
        return gateway is null ? report : report with
        {
            GatewayCpuCores = gatewayCpuUsed is { } used && elapsed > TimeSpan.Zero ? used / elapsed : double.NaN,
            GatewayRssMiB = gateway.RssMiB(), GatewayPeakRssMiB = gateway.PeakRssMiB(),
        };
    }
}
