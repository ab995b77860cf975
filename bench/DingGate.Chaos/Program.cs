using DingGate.Chaos.Replicas;
using DingGate.Chaos.Run;

namespace DingGate.Chaos;

/// <summary>Entry point of the long form: parse, run, print the summary. Exit 0 when every invariant holds, 1 when one fails, 2 on bad usage.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (ReplicaArguments.Wants(args))
        {
            return await ReplicasAsync(args);
        }

        var (options, error) = ChaosArguments.Parse(args);
        if (options is null)
        {
            await (error is { Length: > 0 } ? Console.Error.WriteLineAsync(error) : Task.CompletedTask);
            await Console.Out.WriteLineAsync(ChaosArguments.Usage);
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
            var result = await new ChaosRun(options, Console.Error).RunAsync(cancel.Token);
            await Console.Out.WriteLineAsync(ChaosSummary.Render(result));
            return result.Verdict.AllHold ? 0 : 1;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("Cancelled.");
            return 130;
        }
    }

    private static async Task<int> ReplicasAsync(string[] args)
    {
        var (options, throughput, error) = ReplicaArguments.Parse(args);
        if (options is null)
        {
            await (error is { Length: > 0 } ? Console.Error.WriteLineAsync(error) : Task.CompletedTask);
            await Console.Out.WriteLineAsync(ReplicaArguments.Usage);
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
            if (throughput)
            {
                var points = await new ThroughputRun(options, Console.Error).RunAsync(cancel.Token);
                await Console.Out.WriteLineAsync(ThroughputRun.Render(options, points));
                return points.All(p => p.Answered == p.Messages && p.Duplicated == 0) ? 0 : 1;
            }

            var result = await new ReplicaRun(options, Console.Error).RunAsync(cancel.Token);
            await Console.Out.WriteLineAsync(ReplicaSummary.Render(result));
            return result.Verdict.AllHold ? 0 : 1;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("Cancelled.");
            return 130;
        }
    }
}
