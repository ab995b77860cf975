using System.Diagnostics;
using System.Globalization;
using DingGate.Bench.Measure;
using DingGate.Core.Storage;
using DingGate.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace DingGate.Bench.Journal;

/// <summary>
/// <c>journal [--messages n] [--writers n] [--dir path]</c>: the journal's own cost, without emulator or gateway. Each
/// message is one append (what the stream reader does before the ACK) and two marks (Processing, Answered), each a call
/// of the real store on the real state database (since issue 14 through the one writer: concurrent calls are batched
/// into one transaction, and a batch holding an append commits with synchronous=FULL, one fsync for the batch). Prints
/// the append latency (the part in front of the ACK) and messages/s, with one writer and with several concurrent writers.
/// </summary>
internal static class JournalBench
{
    public const string Usage = "Usage: dotnet run -c Release --project bench/DingGate.Bench -- journal [--messages n (2000)] [--writers n (8)] [--dir path (a temp dir; put it on the disk to measure)]";

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        var (messages, writers, directory) = (2000, 8, (string?)null);
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--messages" when i + 1 < args.Count:
                    messages = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--writers" when i + 1 < args.Count:
                    writers = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--dir" when i + 1 < args.Count:
                    directory = args[++i];
                    break;
                default:
                    await output.WriteLineAsync(Usage);
                    return 2;
            }
        }

        var root = directory ?? Path.Combine(Path.GetTempPath(), "dinggate-journal-bench-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            await output.WriteLineAsync($"Journal: {messages} messages (append + 2 marks each) in {root}");
            await output.WriteLineAsync("writers  msg/s    append p50 ms  append p99 ms  append max ms");
            foreach (var count in new[] { 1, writers })
            {
                var (rate, appends) = await MeasureAsync(Path.Combine(root, "w" + count), messages, count, cancellationToken);
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{count,-8} {rate,-8:0} {appends.P50,-14:0.000} {appends.P99,-14:0.000} {appends.Max:0.000}"));
            }

            return 0;
        }
        finally
        {
            if (directory is null)
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    private static async Task<(double Rate, LatencyStats Appends)> MeasureAsync(string directory, int messages, int writers, CancellationToken cancellationToken)
    {
        await using var services = new ServiceCollection().AddSqliteStorage(directory).BuildServiceProvider();
        var journal = services.GetRequiredService<IInboundJournal>();
        await journal.AppendAsync(new InboundJournalEntry("bench", "warm-up", "t", "{}", DateTimeOffset.UtcNow), cancellationToken);
        var latencies = new double[messages];
        var payload = new string('x', 1500); // about a text message's data
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < messages)
            {
                var key = "m" + i.ToString(CultureInfo.InvariantCulture);
                var started = Stopwatch.GetTimestamp();
                await journal.AppendAsync(new InboundJournalEntry("bench", key, "/v1.0/im/bot/messages/get", payload, DateTimeOffset.UtcNow), cancellationToken);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                await journal.MarkAsync("bench", key, InboundState.Processing, null, cancellationToken);
                await journal.MarkAsync("bench", key, InboundState.Answered, null, cancellationToken);
            }
        }, cancellationToken)));
        return (messages / clock.Elapsed.TotalSeconds, LatencyStats.Of(latencies));
    }
}
