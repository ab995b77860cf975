using DingGate.Chaos.Replicas;
using DingGate.Chaos.Run;

namespace DingGate.Chaos;

/// <summary>
/// Entry point of the long form and of the replicas mode: parse, run, print the summary. Exit 0 when every invariant
/// holds, 1 when one fails, 2 on bad usage, 130 when cancelled (Ctrl+C).
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var (run, error, usage) = ReplicaArguments.Wants(args) ? Replicas(args) : Chaos(args);
        if (run is null)
        {
            await (error is { Length: > 0 } ? Console.Error.WriteLineAsync(error) : Task.CompletedTask);
            await Console.Out.WriteLineAsync(usage);
            return error is { Length: > 0 } ? 2 : 0;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        try
        {
            return await run(cancel.Token);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("Cancelled.");
            return 130;
        }
    }

    // The chaos run of one gateway process (faults and kill -9 + restart). Run is null for --help or bad usage.
    private static (Func<CancellationToken, Task<int>>? Run, string? Error, string Usage) Chaos(string[] args)
    {
        var (options, error) = ChaosArguments.Parse(args);
        return (options is null ? null : ct => RunChaosAsync(options, ct), error, ChaosArguments.Usage);
    }

    // The replicas mode: one run with a kill, or the replies/s of 1 … n replicas (--throughput).
    private static (Func<CancellationToken, Task<int>>? Run, string? Error, string Usage) Replicas(string[] args)
    {
        var (options, throughput, error) = ReplicaArguments.Parse(args);
        Func<CancellationToken, Task<int>>? run = options is null ? null
            : throughput ? ct => RunThroughputAsync(options, ct)
            : ct => RunReplicasAsync(options, ct);
        return (run, error, ReplicaArguments.Usage);
    }

    private static async Task<int> RunChaosAsync(ChaosOptions options, CancellationToken ct)
    {
        var result = await new ChaosRun(options, Console.Error).RunAsync(ct);
        await Console.Out.WriteLineAsync(ChaosSummary.Render(result));
        return result.Verdict.AllHold ? 0 : 1;
    }

    private static async Task<int> RunReplicasAsync(ReplicaOptions options, CancellationToken ct)
    {
        var result = await new ReplicaRun(options, Console.Error).RunAsync(ct);
        await Console.Out.WriteLineAsync(ReplicaSummary.Render(result));
        return result.Verdict.AllHold ? 0 : 1;
    }

    private static async Task<int> RunThroughputAsync(ReplicaOptions options, CancellationToken ct)
    {
        var points = await new ThroughputRun(options, Console.Error).RunAsync(ct);
        await Console.Out.WriteLineAsync(ThroughputRun.Render(options, points));
        return points.All(p => p.Answered == p.Messages && p.Duplicated == 0) ? 0 : 1;
    }
}
