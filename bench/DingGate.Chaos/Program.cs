using DingGate.Chaos.Run;

namespace DingGate.Chaos;

/// <summary>Entry point of the long form: parse, run, print the summary. Exit 0 when every invariant holds, 1 when one fails, 2 on bad usage.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
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
}
