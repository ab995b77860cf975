using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using DingGate.Chaos.Faults;
using DingGate.Chaos.Rig;
using DingGate.Chaos.Verdict;
using DingGate.Emulator;

namespace DingGate.Chaos.Run;

/// <summary>
/// One chaos run: the emulator and the scripted model in this process, the gateway as a child process. Injects the
/// burst at a fixed rate while the schedule fires faults and kills (each kill followed at once by a restart on the same
/// state directory), then turns faults off, waits until the record is quiet and judges it.
/// </summary>
internal sealed class ChaosRun(ChaosOptions options, TextWriter progress)
{
    private readonly Random _random = new(options.Seed);

    public async Task<ChaosResult> RunAsync(CancellationToken ct)
    {
        var wall = Stopwatch.StartNew();
        var work = options.WorkDirectory ?? Path.Combine(Path.GetTempPath(), "dinggate-chaos-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(work);
        var emulatorOptions = new EmulatorOptions { Port = 0, Seed = options.Seed };
        emulatorOptions.Apps.Add(new EmulatedAppOptions { ClientId = ChaosApps.MarkdownClientId, ClientSecret = ChaosApps.MarkdownSecret, Name = "Chaos Markdown Bot" });
        emulatorOptions.Apps.Add(new EmulatedAppOptions { ClientId = ChaosApps.CardClientId, ClientSecret = ChaosApps.CardSecret, Name = "Chaos Card Bot" });
        await using var emulator = EmulatorHost.Create(emulatorOptions);
        await emulator.StartAsync(ct);
        await using var model = await ScriptedModelServer.StartAsync(options.ModelDelay, ct);
        using var control = new EmulatorControl(emulator.BaseUrl);
        var (users, groups) = await PrepareFixturesAsync(control, ct);
        var config = GatewayConfigFile.Write(work, emulator.BaseUrl, model.BaseUrl);
        var log = Path.Combine(work, "gateway.out.log");
        progress.WriteLine($"chaos: work dir {work}; emulator {emulator.BaseUrl}; model {model.BaseUrl}; gateway {GatewayProcess.GatewayDll}");

        var generation = 1;
        var gateway = GatewayProcess.Start(config, log, generation);
        try
        {
            await WaitConnectedAsync(control, gateway, log, ct);
            var schedule = FaultSchedule.Build(options.Kills);
            var fired = new Dictionary<FaultKind, int>();
            var routeFaults = new List<(string Id, FaultKind Kind, int Count)>();
            var messages = new List<InjectedMessage>(options.Messages);
            var next = 0;
            var kills = 0;
            var burst = Stopwatch.StartNew();
            for (var i = 0; i < options.Messages; i++)
            {
                var due = TimeSpan.FromSeconds(i / options.Rate) - burst.Elapsed;
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due, ct);
                }

                for (; next < schedule.Count && schedule[next].At * options.Messages <= i; next++)
                {
                    var step = schedule[next];
                    progress.WriteLine($"chaos: [{i}/{options.Messages} {burst.Elapsed.TotalSeconds:F1}s] {step.Description}");
                    if (step.Kind == FaultKind.Kill)
                    {
                        await gateway.KillAsync();
                        await gateway.DisposeAsync();
                        kills++;
                        fired[FaultKind.Kill] = kills;
                        gateway = GatewayProcess.Start(config, log, ++generation);
                        continue;
                    }

                    var ids = await step.Apply!(control, ct);
                    routeFaults.AddRange(ids.Select(id => (id, step.Kind, step.Count)));
                    if (ids.Count == 0)
                    {
                        fired[step.Kind] = fired.GetValueOrDefault(step.Kind) + 1;
                    }
                }

                messages.Add(await InjectAsync(control, i, users, groups, ct));
            }

            burst.Stop();
            await WaitForRouteFaultsAsync(control, ct);
            await CountRouteFaultsAsync(control, routeFaults, fired, ct);
            await control.ClearFaultsAsync(ct);
            await control.SetIgnoreAcksAsync(false, ct);
            progress.WriteLine($"chaos: burst of {options.Messages} done in {burst.Elapsed.TotalSeconds:F1}s; faults off, settling");
            var verdict = await SettleAndJudgeAsync(control, messages, config, ct);
            return new ChaosResult(options, verdict, kills, fired, burst.Elapsed, wall.Elapsed, work);
        }
        finally
        {
            await gateway.DisposeAsync();
        }
    }

    private async Task<(List<string> Users, List<(string Id, List<string> Members)> Groups)> PrepareFixturesAsync(EmulatorControl control, CancellationToken ct)
    {
        // Redelivery every 5 s, 23 times: the same 120 s of coverage as the emulator's default (60 s, once more), so a
        // restarted gateway gets what was pushed while it was down, but ignored ACKs come back within the burst.
        await control.PatchSettingsAsync(new JsonObject { ["callbackRedeliveryWindowMs"] = 5000, ["callbackRedeliveryAttempts"] = 23 }, ct);
        var users = Enumerable.Range(1, options.Users).Select(n => "chaos" + n.ToString("D4", CultureInfo.InvariantCulture)).ToList();
        foreach (var user in users)
        {
            await control.AddUserAsync(user, "用户" + user[5..], ct);
        }

        var groups = new List<(string, List<string>)>();
        for (var g = 0; g < Math.Max(1, options.Users / 10); g++)
        {
            var id = $"cidChaosGroup{g:D3}==";
            var members = users.Skip(g * 10).Take(10).ToList();
            await control.AddGroupAsync(id, "混沌群 " + g.ToString(CultureInfo.InvariantCulture), members, ct);
            groups.Add((id, members));
        }

        return (users, groups);
    }

    private async Task<InjectedMessage> InjectAsync(EmulatorControl control, int index, List<string> users, List<(string Id, List<string> Members)> groups, CancellationToken ct)
    {
        var token = ChaosAnswer.Token(index);
        var clientId = ChaosApps.ClientIds[index % ChaosApps.ClientIds.Count];
        var group = _random.NextDouble() < options.GroupShare;
        var (conversation, user) = ("dm", users[_random.Next(users.Count)]);
        if (group)
        {
            var (id, members) = groups[_random.Next(groups.Count)];
            (conversation, user) = (id, members[_random.Next(members.Count)]);
        }

        var answer = await control.InjectAsync(clientId, user, conversation, ChaosAnswer.Question(token), ct);
        return new InjectedMessage(token, clientId, user, answer["conversationId"]?.GetValue<string>() ?? conversation, group,
            answer["msgId"]?.GetValue<string>(), answer["messageId"]?.GetValue<string>(), answer["delivered"]?.GetValue<bool>() == true);
    }

    // Route faults added late in the burst wait for the traffic they target; give them a bounded while to fire.
    private static async Task WaitForRouteFaultsAsync(EmulatorControl control, CancellationToken ct)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(20) && ((await control.FaultsAsync(ct))?["routes"] as JsonArray ?? []).Count > 0)
        {
            await Task.Delay(250, ct);
        }
    }

    // Fired = count − remaining; an exhausted fault is gone from the list.
    private static async Task CountRouteFaultsAsync(EmulatorControl control, List<(string Id, FaultKind Kind, int Count)> faults, Dictionary<FaultKind, int> fired, CancellationToken ct)
    {
        var live = ((await control.FaultsAsync(ct))?["routes"] as JsonArray ?? []).OfType<JsonObject>()
            .ToDictionary(f => f["id"]!.GetValue<string>(), f => f["remaining"]?.GetValue<int?>() ?? 0, StringComparer.Ordinal);
        foreach (var (id, kind, count) in faults)
        {
            fired[kind] = fired.GetValueOrDefault(kind) + count - live.GetValueOrDefault(id);
        }
    }

    // Judges once the record has been quiet for QuietPeriod; a failing verdict is judged again when the record moves,
    // or after 3 × QuietPeriod of quiet; it is final after FinalQuiet of quiet (unless the outbox still holds entries
    // waiting for a retry), or at the settle timeout.
    private async Task<ChaosVerdict> SettleAndJudgeAsync(EmulatorControl control, List<InjectedMessage> messages, string config, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        var quiet = Stopwatch.StartNew();
        var sinceJudged = Stopwatch.StartNew();
        var last = string.Empty;
        var judged = string.Empty;
        while (true)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
            var stats = (await control.StatsAsync(ct))?.ToJsonString() ?? string.Empty;
            var timedOut = deadline.Elapsed > options.SettleTimeout;
            if (stats != last)
            {
                last = stats;
                quiet.Restart();
            }

            var due = quiet.Elapsed >= options.QuietPeriod && (stats != judged || sinceJudged.Elapsed >= 3 * options.QuietPeriod);
            var final = quiet.Elapsed >= options.FinalQuiet;
            if (!due && !timedOut)
            {
                continue;
            }

            var again = stats == judged;
            judged = stats;
            sinceJudged.Restart();
            var outbox = await OutboxProbe.ReadAsync(config, ct);
            var verdict = InvariantChecker.Check(await RecordCollector.CollectAsync(control, messages, outbox, ct));
            progress.WriteLine($"chaos: quiet for {quiet.Elapsed.TotalSeconds:F0}s after {deadline.Elapsed.TotalSeconds:F0}s of settling: answered {verdict.Answered}/{verdict.Messages}, lost {verdict.Lost}, duplicated {verdict.Duplicated}, spinning {verdict.SpinningCards}, outbox waiting {outbox.Undelivered}");
            if (verdict.AllHold || timedOut || (again && final && outbox.Undelivered == 0))
            {
                return verdict;
            }
        }
    }

    private static async Task WaitConnectedAsync(EmulatorControl control, GatewayProcess gateway, string log, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (gateway.HasExited)
            {
                throw new InvalidOperationException("the gateway exited at start; see " + log + ":\n" + await File.ReadAllTextAsync(log, ct));
            }

            var active = (await control.ConnectionsAsync(ct)).OfType<JsonObject>().Where(c => c["state"]?.GetValue<string>() == "active")
                .Select(c => c["clientId"]?.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
            if (ChaosApps.ClientIds.All(active.Contains))
            {
                return;
            }

            await Task.Delay(200, ct);
        }

        throw new TimeoutException("the gateway did not connect both apps within 90 s; see " + log);
    }
}
