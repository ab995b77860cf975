using System.Collections.Concurrent;
using System.Diagnostics;
using DingGate.Bench.Rig;
using DingGate.Bench.Tracking;

namespace DingGate.Bench.Scenarios;

/// <summary>
/// Plays the users: injects messages through the emulator and waits for each reply to complete. Virtual user i talks
/// to app i mod apps, so each (user, app) pair is its own DM session and sessions run in parallel.
/// </summary>
internal sealed class LoadDriver(EmulatorControl control, ReplyTracker tracker)
{
    public async Task<LoadResult> RunAsync(LoadPlan plan, CancellationToken cancellationToken)
    {
        var sent = new ConcurrentQueue<SentMessage>();
        var started = Stopwatch.GetTimestamp();
        var sequence = 0L;
        bool MayStart(out long n)
        {
            n = Interlocked.Increment(ref sequence);
            return n <= plan.MaxMessages && Stopwatch.GetElapsedTime(started) < plan.Duration && !cancellationToken.IsCancellationRequested;
        }

        var skipped = 0;
        if (plan.Rate is { } rate)
        {
            skipped = await OpenLoopAsync(plan, rate, sent, MayStart, cancellationToken);
        }
        else
        {
            var users = Enumerable.Range(0, plan.Concurrency).Select(async i =>
            {
                while (MayStart(out var n))
                {
                    await SendOneAsync(plan, i, n, sent, cancellationToken);
                }
            });
            await Task.WhenAll(users);
        }

        var window = Stopwatch.GetElapsedTime(started);
        return new LoadResult([.. sent], started, window < plan.Duration ? window : plan.Duration, skipped);
    }

    private delegate bool StartGate(out long sequence);

    private async Task<int> OpenLoopAsync(LoadPlan plan, double rate, ConcurrentQueue<SentMessage> sent, StartGate mayStart, CancellationToken cancellationToken)
    {
        var busy = new int[plan.Concurrency];
        var running = new List<Task>();
        var skipped = 0;
        var next = 0;
        var started = Stopwatch.GetTimestamp();
        for (var k = 0L; mayStart(out var n); k++)
        {
            var due = TimeSpan.FromSeconds(k / rate) - Stopwatch.GetElapsedTime(started);
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, TimeProvider.System, cancellationToken);
            }

            var user = Enumerable.Range(0, busy.Length).Select(j => (next + j) % busy.Length).FirstOrDefault(j => Volatile.Read(ref busy[j]) == 0, -1);
            if (user < 0)
            {
                skipped++;
                continue;
            }

            next = user + 1;
            busy[user] = 1;
            running.Add(SendAndReleaseAsync(user, n));
        }

        await Task.WhenAll(running);
        return skipped;

        async Task SendAndReleaseAsync(int user, long n)
        {
            try
            {
                await SendOneAsync(plan, user, n, sent, cancellationToken);
            }
            finally
            {
                Volatile.Write(ref busy[user], 0);
            }
        }
    }

    private async Task SendOneAsync(LoadPlan plan, int user, long n, ConcurrentQueue<SentMessage> sent, CancellationToken cancellationToken)
    {
        var app = plan.Apps[user % plan.Apps.Count];
        var userId = plan.Users[user % plan.Users.Count];
        var at = Stopwatch.GetTimestamp();
        var injected = await control.InjectAsync(app.ClientId, userId, plan.Text(n), cancellationToken);
        var message = new SentMessage(app, userId, injected, at);
        sent.Enqueue(message);
        message.Completed = await tracker.WaitAsync(injected.MsgId, plan.ReplyTimeout, cancellationToken);
    }
}
