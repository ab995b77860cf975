using System.Diagnostics;
using System.Globalization;
using DingGate.Core.Coordination;
using DingGate.Storage.Postgres;
using DingGate.Coordination.Redis;
using Microsoft.Extensions.DependencyInjection;

namespace DingGate.Bench.Limits;

/// <summary>
/// <c>limits --redis conn [--postgres conn] [--takes n] [--takers n]</c>: what one shared-limit decision costs (issue 17).
/// Concurrent takers ask for permits of a few windows (1 000 permits per 10 ms, so nearly every take is granted) through
/// the in-process window a replica keeps during an outage, through Redis (one Lua script per take) and, when given,
/// through the PostgreSQL fallback (one UPDATE per take). Prints takes/s and the latency of one take.
/// </summary>
internal static class LimitsBench
{
    public const string Usage = "Usage: dotnet run -c Release --project bench/DingGate.Bench -- limits --redis host:port [--postgres \"Host=…\"] [--takes n (20000)] [--takers n (16)]";
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(10);
    private const int Limit = 1000;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        var (redis, postgres, takes, takers) = ((string?)null, (string?)null, 20_000, 16);
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--redis" when i + 1 < args.Count: redis = args[++i]; break;
                case "--postgres" when i + 1 < args.Count: postgres = args[++i]; break;
                case "--takes" when i + 1 < args.Count: takes = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--takers" when i + 1 < args.Count: takers = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default: await output.WriteLineAsync(Usage); return 2;
            }
        }

        if (redis is null)
        {
            await output.WriteLineAsync(Usage);
            return 2;
        }

        await output.WriteLineAsync($"Shared limits: {takes} takes by {takers} concurrent takers ({Limit} permits per {Window.TotalMilliseconds} ms window)");
        await output.WriteLineAsync("store       takes/s   take p50 ms  take p99 ms");
        await ReportAsync(output, "local", new LocalWindows(new LocalShareWindows(TimeProvider.System)), takes, takers, cancellationToken);
        await using (var services = new ServiceCollection().AddRedisCoordination(redis).BuildServiceProvider())
        {
            await ReportAsync(output, "redis", services.GetRequiredService<ISharedRateWindows>(), takes, takers, cancellationToken);
        }

        if (postgres is not null)
        {
            await using var services = new ServiceCollection().AddPostgresStorage(postgres).AddPostgresSharedLimits().BuildServiceProvider();
            await ReportAsync(output, "postgres", services.GetRequiredService<ISharedRateWindows>(), takes, takers, cancellationToken);
        }

        return 0;
    }

    private static async Task ReportAsync(TextWriter output, string name, ISharedRateWindows windows, int takes, int takers, CancellationToken cancellationToken)
    {
        // Warm-up (connection, script load, slots).
        for (var i = 0; i < 200; i++)
        {
            await windows.TryTakeAsync("bench:" + (i % 4), Limit, Window, cancellationToken);
        }

        var latencies = new double[takes];
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, takers).Select(t => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < takes)
            {
                var started = Stopwatch.GetTimestamp();
                await windows.TryTakeAsync("bench:" + (t % 4), Limit, Window, cancellationToken);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }, cancellationToken)));
        var rate = takes / clock.Elapsed.TotalSeconds;
        Array.Sort(latencies);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{name,-11} {rate,-9:0} {latencies[takes / 2],-12:0.000} {latencies[(int)(takes * 0.99)]:0.000}"));
    }

    // The in-process sliding window a replica keeps during a Redis outage, as a store.
    private sealed class LocalWindows(LocalShareWindows local) : ISharedRateWindows
    {
        public ValueTask<SharedWindowTake> TryTakeAsync(string key, int limit, TimeSpan window, CancellationToken cancellationToken)
        {
            var (granted, retryAfter) = local.TryTake(key, limit, window);
            return ValueTask.FromResult(granted ? SharedWindowTake.Taken : SharedWindowTake.Wait(retryAfter));
        }
    }
}
