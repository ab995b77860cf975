using System.Diagnostics;
using System.Globalization;
using System.Text;
using DingGate.Chaos.Rig;
using DingGate.Chaos.Run;
using DingGate.Chaos.Verdict;

namespace DingGate.Chaos.Replicas;

/// <summary>
/// Replies per second with 1, 2 … N replicas: for each count a fresh emulator, PostgreSQL (and Redis) and model, the
/// replicas started and connected, then the messages injected at a rate above what one replica answers; the figure is
/// answers over the time from the first message to the last answer (polled every 2 s, so a figure is exact to within that). No faults, no kills.
/// </summary>
internal sealed class ThroughputRun(ReplicaOptions options, TextWriter progress)
{
    public async Task<IReadOnlyList<ThroughputPoint>> RunAsync(CancellationToken ct)
    {
        await GatewayProcess.EnsureBuiltAsync(progress, ct);
        var points = new List<ThroughputPoint>();
        for (var replicas = 1; replicas <= options.Replicas; replicas++)
        {
            points.Add(await MeasureAsync(replicas, ct));
            progress.WriteLine($"throughput: {replicas} replica(s): {points[^1].RepliesPerSecond:F1} replies/s");
        }

        return points;
    }

    public static string Render(ReplicaOptions options, IReadOnlyList<ThroughputPoint> points)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"DingGate replicas throughput: {options.Messages} DMs from {options.Users} users offered at {options.Rate} msg/s, model {options.ModelDelay.TotalMilliseconds:F0} ms, {(options.MarkdownOnly ? "both apps markdown" : "one markdown app, one card app")}, PostgreSQL{(options.Redis ? " + Redis" : string.Empty)}");
        sb.AppendLine("  replicas   answered   duplicated   403s   seconds   replies/s");
        foreach (var p in points)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"  {p.Replicas,8}   {p.Answered,5}/{p.Messages,-5} {p.Duplicated,7}   {p.Forbidden,6}   {p.Elapsed.TotalSeconds,7:F1}   {p.RepliesPerSecond,9:F1}");
        }

        return sb.ToString();
    }

    private async Task<ThroughputPoint> MeasureAsync(int count, CancellationToken ct)
    {
        var work = Path.Combine(options.WorkDirectory ?? Path.Combine(Path.GetTempPath(), "dinggate-throughput-" + Guid.NewGuid().ToString("N")[..8]), "replicas-" + count.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(work);
        using var servers = ClusterServers.Start(options.Redis);
        await using var emulator = await ReplicaRun.StartEmulatorAsync(options.Seed, ct);
        await using var model = await ScriptedModelServer.StartAsync(options.ModelDelay, ct);
        using var control = new EmulatorControl(emulator.BaseUrl);
        var users = await ReplicaRun.AddUsersAsync(control, options.Users, ct);
        await using var replicas = new ReplicaSet(work, emulator.BaseUrl, model.BaseUrl, servers, options.MarkdownOnly, progress);
        for (var i = 1; i <= count; i++)
        {
            await replicas.StartAsync(i, control, ct);
        }

        var random = new Random(options.Seed);
        var messages = new List<InjectedMessage>(options.Messages);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < options.Messages; i++)
        {
            var due = TimeSpan.FromSeconds(i / options.Rate) - clock.Elapsed;
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, ct);
            }

            var token = ChaosAnswer.Token(i);
            var user = users[random.Next(users.Count)];
            var clientId = ReplicaRun.AppOf(users, user);
            var answer = await control.InjectAsync(clientId, user, "dm", ChaosAnswer.Question(token), ct);
            messages.Add(new InjectedMessage(token, clientId, user, answer["conversationId"]?.GetValue<string>() ?? user, false,
                answer["msgId"]?.GetValue<string>(), answer["messageId"]?.GetValue<string>(), answer["delivered"]?.GetValue<bool>() == true));
        }

        // The last answer is when the count last grew; stop when all are in or nothing moved for 30 s.
        var (answered, lastGrowth, duplicated) = (0, clock.Elapsed, 0);
        while (answered < messages.Count && clock.Elapsed - lastGrowth < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(TimeSpan.FromSeconds(2), ct);
            var counts = ReplicaInvariantChecker.AnswerCounts(await RecordCollector.CollectAsync(control, messages, OutboxProbeResult.Missing("not read"), ct));
            var now = messages.Count(m => counts.ContainsKey(m.Token));
            duplicated = messages.Count(m => counts.GetValueOrDefault(m.Token) > 1);
            if (now > answered)
            {
                (answered, lastGrowth) = (now, clock.Elapsed);
            }
        }

        var forbidden = ReplicaRun.CallsByStatus(await control.StatsAsync(ct)).GetValueOrDefault("403");
        return new ThroughputPoint(count, messages.Count, answered, duplicated, forbidden, lastGrowth);
    }
}
