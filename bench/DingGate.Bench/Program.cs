using DingGate.Bench.Options;
using DingGate.Bench.Report;
using DingGate.Bench.Scenarios;

namespace DingGate.Bench;

/// <summary>Entry point: parse, run every phase, print the tables (and JSON on request). Exit 2 on bad usage.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["journal", .. var rest])
        {
            return await Journal.JournalBench.RunAsync(rest, Console.Out, CancellationToken.None);
        }

        if (args is ["limits", .. var limits])
        {
            return await Limits.LimitsBench.RunAsync(limits, Console.Out, CancellationToken.None);
        }

        var (options, error) = BenchArguments.Parse(args);
        if (options is null)
        {
            await (error is { Length: > 0 } ? Console.Error.WriteLineAsync(error) : Task.CompletedTask);
            await Console.Out.WriteLineAsync(BenchArguments.Usage);
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
            if (options.GatewayProcess)
            {
                var processReport = await new ProcessMode.ProcessBenchRun(options, Console.Error).RunAsync(cancel.Token);
                await Console.Out.WriteLineAsync(ProcessMode.ProcessTextReport.Render(processReport));
                if (options.Json)
                {
                    await Console.Out.WriteLineAsync(JsonReport.Render(processReport));
                }

                return 0;
            }

            var report = await new BenchRun(options, Console.Error).RunAsync(cancel.Token);
            await Console.Out.WriteLineAsync(TextReport.Render(report));
            if (options.Json)
            {
                await Console.Out.WriteLineAsync(JsonReport.Render(report));
            }

            return 0;
        }
        catch (Exception ex) when (options.GatewayProcess && ex is InvalidOperationException or TimeoutException or FileNotFoundException)
        {
            // The child gateway did not start, stopped, or is missing: say why (its output is in the message) and stop.
            await Console.Error.WriteLineAsync("bench: " + ex.Message);
            return 1;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("Cancelled.");
            return 130;
        }
    }
}
