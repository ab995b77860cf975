using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using DingGate.Chaos.Rig;
using DingGate.Chaos.Run;
using DingGate.Chaos.Verdict;
using DingGate.Emulator;

namespace DingGate.Chaos.Replicas;

/// <summary>
/// One replicas run (issue 17's acceptance): the emulator, the scripted model, PostgreSQL (and Redis) in or beside this
/// process, N gateway processes on one database. Injects DMs at a fixed rate, each user writing to one app; halfway it
/// <c>kill -9</c>s one replica and restarts it at once (<see cref="ReplicaScenario.RestartMidRun"/>) or never
/// (<see cref="ReplicaScenario.KillForGood"/>, then it watches the messages that replica held). It judges once the
/// record is quiet, like <see cref="ChaosRun"/>.
/// </summary>
internal sealed class ReplicaRun(ReplicaOptions options, TextWriter progress)
{
    private readonly Random _random = new(options.Seed);

    public async Task<ReplicaResult> RunAsync(CancellationToken ct)
    {
        var wall = Stopwatch.StartNew();
        var work = options.WorkDirectory ?? Path.Combine(Path.GetTempPath(), "dinggate-replicas-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(work);
        await GatewayProcess.EnsureBuiltAsync(progress, ct);
        using var servers = ClusterServers.Start(options.Redis);
        await using var emulator = await StartEmulatorAsync(options.Seed, ct);
        var requests = new ModelRequestLog();
        await using var model = await ScriptedModelServer.StartAsync(options.ModelDelay, ct, requests.Observe);
        using var control = new EmulatorControl(emulator.BaseUrl);
        var users = await AddUsersAsync(control, options.Users, ct);
        progress.WriteLine($"replicas: work dir {work}; emulator {emulator.BaseUrl}; model {model.BaseUrl}; {options.Replicas} replicas on PostgreSQL{(options.Redis ? " + Redis" : string.Empty)}");

        await using var replicas = new ReplicaSet(work, emulator.BaseUrl, model.BaseUrl, servers, options.MarkdownOnly, progress);
        for (var i = 1; i <= options.Replicas; i++)
        {
            await replicas.StartAsync(i, control, ct);
        }

        var victim = options.Replicas == 1 ? 1 : options.Replicas / 2 + 1;
        var killAt = (int)Math.Round(options.KillAt * options.Messages);
        var messages = new List<InjectedMessage>(options.Messages);
        Task restart = Task.CompletedTask;
        Task<HeldMessages>? watch = null;
        using var watchStop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var (kills, restarts) = (0, 0);
        var burst = Stopwatch.StartNew();
        try
        {
            for (var i = 0; i < options.Messages; i++)
            {
                var due = TimeSpan.FromSeconds(i / options.Rate) - burst.Elapsed;
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due, ct);
                }

                if (i == killAt && options.Replicas > 1)
                {
                    progress.WriteLine($"replicas: [{i}/{options.Messages} {burst.Elapsed.TotalSeconds:F1}s] kill -9 {ReplicaSet.ReplicaId(victim)} ({options.Scenario})");
                    var closed = await replicas.KillAsync(victim, control, ct);
                    kills++;
                    if (options.Scenario == ReplicaScenario.RestartMidRun)
                    {
                        restart = replicas.StartAsync(victim, control, ct);
                        restarts++;
                    }
                    else
                    {
                        watch = WatchTakeoverAsync(control, [.. messages], closed, watchStop.Token);
                    }
                }

                messages.Add(await InjectAsync(control, i, users, ct));
            }

            burst.Stop();
        }
        finally
        {
            // The watch and the restart are owned by this run: a burst that throws stops them and waits for them.
            if (burst.IsRunning)
            {
                await watchStop.CancelAsync();
                await Task.WhenAny(Task.WhenAll(watch ?? Task.CompletedTask, restart));
            }
        }

        await restart;
        progress.WriteLine($"replicas: burst of {options.Messages} done in {burst.Elapsed.TotalSeconds:F1}s; settling");
        var held = watch is null ? null : await watch;
        var verdict = await SettleAndJudgeAsync(control, messages, requests, held, replicas.ConfigPath(1), ct);
        return new ReplicaResult(options, verdict, kills, restarts, burst.Elapsed, wall.Elapsed, work);
    }

    public static async Task<EmulatorHost> StartEmulatorAsync(int seed, CancellationToken ct)
    {
        var emulatorOptions = new EmulatorOptions { Port = 0, Seed = seed };
        emulatorOptions.Apps.Add(new EmulatedAppOptions { ClientId = ChaosApps.MarkdownClientId, ClientSecret = ChaosApps.MarkdownSecret, Name = "Chaos Markdown Bot" });
        emulatorOptions.Apps.Add(new EmulatedAppOptions { ClientId = ChaosApps.CardClientId, ClientSecret = ChaosApps.CardSecret, Name = "Chaos Card Bot" });
        var emulator = EmulatorHost.Create(emulatorOptions);
        await emulator.StartAsync(ct);
        using var control = new EmulatorControl(emulator.BaseUrl);
        // DingTalk spreads an app's pushes over its connections at random; an un-ACKed push comes again to another
        // connection. Every 5 s, 23 times: the chaos suite's 120 s of coverage with quick redeliveries.
        await control.PatchSettingsAsync(new JsonObject
        {
            ["streamSpread"] = "random", ["callbackRedeliveryWindowMs"] = 5000, ["callbackRedeliveryAttempts"] = 23,
        }, ct);
        return emulator;
    }

    /// <summary>Users <c>rep0001</c>…; user n writes to app n mod 2 only, so each user is one DM session on one account.</summary>
    public static async Task<List<string>> AddUsersAsync(EmulatorControl control, int count, CancellationToken ct)
    {
        var users = Enumerable.Range(1, count).Select(n => "rep" + n.ToString("D4", CultureInfo.InvariantCulture)).ToList();
        foreach (var user in users)
        {
            await control.AddUserAsync(user, "副本用户" + user[3..], ct);
        }

        return users;
    }

    public static string AppOf(List<string> users, string user) => ChaosApps.ClientIds[users.IndexOf(user) % ChaosApps.ClientIds.Count];

    private async Task<InjectedMessage> InjectAsync(EmulatorControl control, int index, List<string> users, CancellationToken ct)
    {
        var token = ChaosAnswer.Token(index);
        var user = users[_random.Next(users.Count)];
        var clientId = AppOf(users, user);
        var answer = await control.InjectAsync(clientId, user, "dm", ChaosAnswer.Question(token), ct);
        return new InjectedMessage(token, clientId, user, answer["conversationId"]?.GetValue<string>() ?? "dm:" + user, false,
            answer["msgId"]?.GetValue<string>(), answer["messageId"]?.GetValue<string>(), answer["delivered"]?.GetValue<bool>() == true);
    }

    // KillForGood: the messages the dead replica held are those its connections ACKed with no answer shown at the kill
    // (a killed process sends nothing more, so the snapshot right after the kill is exact). Then every 2 s until each has
    // a complete answer or the deadline passes, note when the first one appeared.
    private async Task<HeldMessages> WatchTakeoverAsync(EmulatorControl control, List<InjectedMessage> sent, IReadOnlySet<string> deadConnections, CancellationToken ct)
    {
        var since = Stopwatch.StartNew();
        var pushes = (await control.PushesAsync(ct)).OfType<JsonObject>().ToDictionary(p => p["messageId"]!.GetValue<string>(), p => p, StringComparer.Ordinal);
        var record = await RecordCollector.CollectAsync(control, sent, OutboxProbeResult.Missing("not read"), ct);
        var answered = ReplicaInvariantChecker.AnswerCounts(record);
        var held = sent.Where(m => m.PushId is not null && pushes.TryGetValue(m.PushId, out var push) && HeldBy(push, deadConnections) && !answered.ContainsKey(m.Token))
            .Select(m => m.Token).ToList();
        progress.WriteLine($"replicas: the dead replica held {held.Count} ACKed, unanswered messages: {string.Join(' ', held.Take(12))}");
        var after = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        while (after.Count < held.Count && since.Elapsed <= options.TakeoverDeadline)
        {
            await Task.Delay(TimeSpan.FromSeconds(2), ct);
            var counts = ReplicaInvariantChecker.AnswerCounts(await RecordCollector.CollectAsync(control, sent, OutboxProbeResult.Missing("not read"), ct));
            foreach (var token in held.Where(t => counts.ContainsKey(t) && !after.ContainsKey(t)))
            {
                after[token] = since.Elapsed;
            }
        }

        progress.WriteLine($"replicas: {after.Count}/{held.Count} held messages answered {since.Elapsed.TotalSeconds:F0} s after the kill");
        return new HeldMessages(held, after, options.TakeoverDeadline);
    }

    // ACKed (200) with the last attempt sent on one of the dead replica's connections: the ACK came from there.
    private static bool HeldBy(JsonObject push, IReadOnlySet<string> deadConnections) =>
        push["state"]?.GetValue<string>() == "acked" &&
        push["connectionIds"] is JsonArray ids && ids.Count > 0 && deadConnections.Contains(ids[^1]!.GetValue<string>());

    // The outbox is read with the CLI on one replica's configuration: its storage.provider is the shared database, so the
    // entries of every replica are listed (replica 1 is never the one killed).
    private async Task<ReplicaVerdict> SettleAndJudgeAsync(
        EmulatorControl control, List<InjectedMessage> messages, ModelRequestLog requests, HeldMessages? held, string outboxConfig, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        var quiet = Stopwatch.StartNew();
        var sinceJudged = Stopwatch.StartNew();
        var (last, judged) = (string.Empty, string.Empty);
        while (true)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
            var stats = await control.StatsAsync(ct);
            var text = stats?.ToJsonString() ?? string.Empty;
            var timedOut = deadline.Elapsed > options.SettleTimeout;
            if (text != last)
            {
                last = text;
                quiet.Restart();
            }

            var due = quiet.Elapsed >= options.QuietPeriod && (text != judged || sinceJudged.Elapsed >= 3 * options.QuietPeriod);
            if (!due && !timedOut)
            {
                continue;
            }

            var again = text == judged;
            judged = text;
            sinceJudged.Restart();
            var outbox = await OutboxProbe.ReadAsync(outboxConfig, ct);
            var record = await RecordCollector.CollectAsync(control, messages, outbox, ct);
            var verdict = ReplicaInvariantChecker.Check(new ReplicaEvidence(record, requests.Requests, CallsByStatus(stats), held));
            var v = verdict.Chaos;
            progress.WriteLine($"replicas: quiet for {quiet.Elapsed.TotalSeconds:F0}s after {deadline.Elapsed.TotalSeconds:F0}s of settling: answered {v.Answered}/{v.Messages}, lost {v.Lost}, duplicated {v.Duplicated}, spinning {v.SpinningCards}, outbox waiting {outbox.Undelivered}, 403 {verdict.Forbidden}");
            if (verdict.AllHold || timedOut || (again && quiet.Elapsed >= options.FinalQuiet && outbox.Undelivered == 0))
            {
                return verdict;
            }
        }
    }

    public static Dictionary<string, long> CallsByStatus(JsonNode? stats) =>
        (stats?["callsByStatus"] as JsonObject ?? []).ToDictionary(kv => kv.Key, kv => kv.Value?.GetValue<long>() ?? 0, StringComparer.Ordinal);
}
