using System.Diagnostics.Metrics;
using System.Threading.Channels;
using DingGate.Core.Configuration;
using DingGate.Core.Coordination;
using DingGate.Core.Replies;
using DingGate.Core.Storage;
using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk.Quota;

/// <summary>
/// The monthly OpenAPI budget of every quota group (accounts of one <c>quota.org</c> share one; docs/replies.md,
/// "Quota"). Counts each billed call as it goes on the wire (<see cref="Api.DingTalkApiClient"/> calls
/// <see cref="Record"/>), forecasts the month (<see cref="QuotaForecast"/>) and decides the step
/// (<see cref="QuotaSteps"/>): warned → cards off → indicator off → webhook only. At webhook only the send core refuses
/// every billed call before it waits or goes out (<see cref="QuotaExhaustedException"/>). The counts are stored per
/// account and month (<see cref="IApiUsageStore"/>) every <see cref="FlushPeriod"/> and when the channel stops, so
/// they survive restarts (a crash loses at most one period's count); each step's warning (a log line and a 1:1
/// message to each owner) is claimed in the store before it is sent, so it goes out once per month across restarts.
/// One instance per process (DI singleton); all times from the <see cref="TimeProvider"/>.
/// </summary>
public sealed partial class QuotaGovernor
{
    /// <summary>How often this run's counts are written to the store.</summary>
    public static readonly TimeSpan FlushPeriod = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _load = new(1, 1);
    private readonly Dictionary<string, QuotaGroup> _byAccount = new(StringComparer.Ordinal);
    private readonly List<QuotaGroup> _groups;
    private readonly Dictionary<(string Account, int Month), long> _pending = [];
    private readonly HashSet<(string Group, int Month, QuotaStep Step)> _claimedHere = [];
    private readonly Channel<(QuotaGroup Group, int Month, QuotaStep Step)> _notices =
        Channel.CreateUnbounded<(QuotaGroup, int, QuotaStep)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IApiUsageStore? _store;
    private readonly ISharedCounters? _shared;
    private int _month;

    public QuotaGovernor(
        DingTalkChannelOptions options, TimeProvider time, ILogger<QuotaGovernor> logger, IApiUsageStore? store = null, IMeterFactory? meters = null,
        ISharedCounters? shared = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time;
        _logger = logger;
        _store = store;
        _shared = shared;
        _groups = Groups(options.Settings.Resolve().Where(a => a.Enabled));
        foreach (var group in _groups)
        {
            foreach (var account in group.Accounts)
            {
                _byAccount[account.Id] = group;
            }
        }

        if (meters is not null)
        {
            var meter = meters.Create(Api.DingTalkApiMetrics.MeterName);
            meter.CreateObservableGauge("dinggate.dingtalk.quota.used", () => Measure(s => s.Used), "{call}", "Billed DingTalk OpenAPI calls this month, per quota group.");
            meter.CreateObservableGauge("dinggate.dingtalk.quota.budget", () => Measure(s => s.Budget), "{call}", "Monthly OpenAPI budget of the quota group (0: none).");
            meter.CreateObservableGauge("dinggate.dingtalk.quota.forecast", () => Measure(s => s.Forecast), "{call}", "Calls the month will end at, at the current rate.");
            meter.CreateObservableGauge("dinggate.dingtalk.quota.step", () => Measure(s => (long)s.Step), "{step}", "0 normal, 1 warned, 2 cards off, 3 indicator off, 4 webhook only.");
        }
    }

    /// <summary>The quota groups (accounts grouped by <c>quota.org</c>).</summary>
    public static List<(string Group, DingTalkQuota Quota, IReadOnlyList<DingTalkAccount> Accounts)> GroupsOf(IEnumerable<DingTalkAccount> accounts) =>
        [.. Groups(accounts).Select(g => (g.Name, g.Quota, g.Accounts))];

    /// <summary>The step of <paramref name="accountId"/>'s group now (normal for an account the governor does not know).</summary>
    public QuotaStep StepFor(string accountId)
    {
        lock (_gate)
        {
            return _byAccount.TryGetValue(accountId, out var group) && _month == QuotaMonth.Of(_time.GetUtcNow()) ? group.Step : QuotaStep.Normal;
        }
    }

    /// <summary>
    /// A config reload: the groups' accounts take their new settings (owners told of the steps follow the file). The
    /// groups themselves (<c>quota.org</c>, budgets) and accounts added by the reload are fixed until the next start.
    /// </summary>
    internal void UpdateAccounts(IReadOnlyList<DingTalkAccount> accounts)
    {
        var byId = accounts.ToDictionary(a => a.Id, StringComparer.Ordinal);
        lock (_gate)
        {
            foreach (var group in _groups)
            {
                group.Accounts = [.. group.Accounts.Select(a => byId.GetValueOrDefault(a.Id) ?? a)];
            }
        }
    }

    /// <summary>Loads this month's stored counts (done on demand too; the channel calls it before its accounts start).</summary>
    public Task LoadAsync(CancellationToken cancellationToken) => EnsureMonthAsync(cancellationToken).AsTask();

    /// <summary>Every group's month as the governor sees it now (loads the month first).</summary>
    public async Task<IReadOnlyList<QuotaGroupStatus>> StatusAsync(CancellationToken cancellationToken)
    {
        await EnsureMonthAsync(cancellationToken);
        return Snapshot();
    }

    /// <summary>Every group's month without loading (a status before the first load shows zeros).</summary>
    public IReadOnlyList<QuotaGroupStatus> Snapshot()
    {
        lock (_gate)
        {
            return [.. _groups.Select(StatusOf)];
        }
    }

    /// <summary>
    /// Before a billed call (and again right before it goes on the wire): loads the month when needed and throws
    /// <see cref="QuotaExhaustedException"/> when the account's group is at <see cref="QuotaStep.WebhookOnly"/>.
    /// </summary>
    internal async ValueTask AdmitAsync(string accountId, string endpoint, CancellationToken cancellationToken)
    {
        await EnsureMonthAsync(cancellationToken);
        Check(accountId, endpoint);
    }

    /// <summary>Throws <see cref="QuotaExhaustedException"/> when the account's group is at <see cref="QuotaStep.WebhookOnly"/>; never waits.</summary>
    internal void Check(string accountId, string endpoint)
    {
        QuotaGroupStatus? refused = null;
        lock (_gate)
        {
            if (_byAccount.TryGetValue(accountId, out var group) && group.Step == QuotaStep.WebhookOnly)
            {
                refused = StatusOf(group);
            }
        }

        if (refused is not null)
        {
            LogRefused(_logger, accountId, endpoint, refused.Group);
            throw new QuotaExhaustedException(endpoint, refused);
        }
    }

    /// <summary>Counts one billed call of <paramref name="accountId"/> (each attempt: DingTalk counts what reaches it).</summary>
    internal void Record(string accountId)
    {
        (QuotaGroup, int, QuotaStep)? notice = null;
        lock (_gate)
        {
            if (!_byAccount.TryGetValue(accountId, out var group))
            {
                return;
            }

            var month = _month != 0 ? _month : QuotaMonth.Of(_time.GetUtcNow());
            group.Used++;
            group.Unsynced += _shared is null ? 0 : 1;
            _pending[(accountId, month)] = _pending.GetValueOrDefault((accountId, month)) + 1;
            notice = Raise(group, month);
        }

        if (notice is { } n)
        {
            _notices.Writer.TryWrite(n);
        }
    }

    /// <summary>DingTalk answered that the organisation's monthly quota is used up: webhook only for the rest of the month.</summary>
    internal void RecordRefusedByDingTalk(string accountId, string? code)
    {
        (QuotaGroup, int, QuotaStep)? notice = null;
        lock (_gate)
        {
            if (!_byAccount.TryGetValue(accountId, out var group) || group.RefusedByDingTalk)
            {
                return;
            }

            group.RefusedByDingTalk = true;
            notice = Raise(group, _month != 0 ? _month : QuotaMonth.Of(_time.GetUtcNow()));
            LogDingTalkRefused(_logger, accountId, group.Name, code ?? "(none)", group.Used);
        }

        if (notice is { } n)
        {
            _notices.Writer.TryWrite(n);
        }
    }

    /// <summary>Writes this run's counts not yet stored; a failed write keeps them for the next try.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_store is null)
        {
            return;
        }

        List<KeyValuePair<(string Account, int Month), long>> taken;
        lock (_gate)
        {
            taken = [.. _pending];
            _pending.Clear();
        }

        foreach (var ((account, month), calls) in taken)
        {
            try
            {
                await _store.AddBilledAsync(account, month, calls, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                lock (_gate)
                {
                    _pending[(account, month)] = _pending.GetValueOrDefault((account, month)) + calls;
                }

                LogFlushFailed(_logger, account, ex);
            }
        }
    }

    /// <summary>
    /// Runs with the channel: sends the step warnings (through <paramref name="sender"/>, the channel's proactive
    /// send), writes the counts every <see cref="FlushPeriod"/> and, with shared counters, adds this run's calls to the
    /// cluster's every <see cref="SyncPeriod"/>; at cancellation writes what is left.
    /// </summary>
    public async Task RunAsync(IMessageSender sender, CancellationToken cancellationToken)
    {
        try
        {
            await EnsureMonthAsync(cancellationToken);
            await Task.WhenAll(NotifyLoopAsync(sender, cancellationToken), FlushLoopAsync(cancellationToken), SyncLoopAsync(cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the counts are written below.
        }
        finally
        {
            await SyncAsync(CancellationToken.None);
            await FlushAsync(CancellationToken.None);
        }
    }

    private static List<QuotaGroup> Groups(IEnumerable<DingTalkAccount> accounts) =>
        [.. accounts.GroupBy(a => a.Quota.Org, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new QuotaGroup(g.Key, g.First().Quota, [.. g]))];

    private async Task FlushLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(FlushPeriod, _time);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            await FlushAsync(cancellationToken);
            await EnsureMonthAsync(cancellationToken);
        }
    }

    private async Task NotifyLoopAsync(IMessageSender sender, CancellationToken cancellationToken)
    {
        await foreach (var (group, month, step) in _notices.Reader.ReadAllAsync(cancellationToken))
        {
            await NotifyAsync(sender, group, month, step, cancellationToken);
        }
    }

    // Claims every step up to the reached one (a jump over several sends one message, for the highest), then warns.
    private async Task NotifyAsync(IMessageSender sender, QuotaGroup group, int month, QuotaStep step, CancellationToken cancellationToken)
    {
        var claimed = false;
        for (var s = QuotaStep.Warned; s <= step; s++)
        {
            var first = await ClaimAsync(group.Name, month, s, cancellationToken);
            claimed = s == step ? first : claimed;
        }

        if (!claimed)
        {
            return;
        }

        QuotaGroupStatus status;
        IReadOnlyList<(string Owner, string AccountId)> owners;
        lock (_gate)
        {
            status = StatusOf(group);
            owners = group.Owners;
        }

        LogStepReached(_logger, group.Name, status.StepName, status.Used, status.Budget, status.Percent, status.Forecast, QuotaMonth.Text(month));
        if (step == QuotaStep.WebhookOnly)
        {
            if (owners.Count > 0)
            {
                LogOwnersNotTold(_logger, group.Name, owners.Count);
            }

            return;
        }

        foreach (var (owner, accountId) in owners)
        {
            // In the locale of the account that sends the warning.
            var locale = group.Accounts.FirstOrDefault(a => a.Id == accountId)?.Locale ?? Core.Texts.BotLocales.Default;
            var text = QuotaNotes.For(status with { Step = step }, group.Quota, locale);
            try
            {
                await sender.SendAsync(accountId, new MessageTarget(MessageTargetKind.User, owner), new OutboundMessage { Text = text }, cancellationToken);
                LogOwnerTold(_logger, group.Name, owner, status.StepName);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogOwnerNotTold(_logger, ex, group.Name, owner);
            }
        }
    }

    private async Task<bool> ClaimAsync(string group, int month, QuotaStep step, CancellationToken cancellationToken)
    {
        if (_store is not null)
        {
            try
            {
                return await _store.ClaimQuotaNoticeAsync(group, month, (int)step, _time.GetUtcNow(), cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogClaimFailed(_logger, ex, group);
            }
        }

        lock (_gate)
        {
            return _claimedHere.Add((group, month, step));
        }
    }

    private async ValueTask EnsureMonthAsync(CancellationToken cancellationToken)
    {
        var month = QuotaMonth.Of(_time.GetUtcNow());
        if (Volatile.Read(ref _month) == month)
        {
            return;
        }

        await _load.WaitAsync(cancellationToken);
        try
        {
            if (_month == month)
            {
                return;
            }

            var stored = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var account in _byAccount.Keys)
            {
                stored[account] = await StoredAsync(account, month, cancellationToken);
            }

            var notices = new List<(QuotaGroup, int, QuotaStep)>();
            lock (_gate)
            {
                foreach (var group in _groups)
                {
                    group.Used = group.Accounts.Sum(a => stored[a.Id] + _pending.GetValueOrDefault((a.Id, month)));
                    group.Unsynced = _shared is null ? 0 : group.Accounts.Sum(a => _pending.GetValueOrDefault((a.Id, month)));
                    group.RefusedByDingTalk = false;
                    group.Announced = QuotaStep.Normal;
                    if (Raise(group, month) is { } notice)
                    {
                        notices.Add(notice);
                    }
                }

                Volatile.Write(ref _month, month);
            }

            foreach (var notice in notices)
            {
                _notices.Writer.TryWrite(notice);
            }
        }
        finally
        {
            _load.Release();
        }
    }

    private async Task<long> StoredAsync(string account, int month, CancellationToken cancellationToken)
    {
        if (_store is null)
        {
            return 0;
        }

        try
        {
            return await _store.GetBilledAsync(account, month, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogLoadFailed(_logger, account, ex);
            return 0;
        }
    }

    // Under the lock: a notice when the group just reached a higher step than it announced.
    private static (QuotaGroup, int, QuotaStep)? Raise(QuotaGroup group, int month)
    {
        var step = group.Step;
        if (step <= group.Announced)
        {
            return null;
        }

        group.Announced = step;
        return (group, month, step);
    }

    private QuotaGroupStatus StatusOf(QuotaGroup group)
    {
        var now = _time.GetUtcNow();
        var current = _month == QuotaMonth.Of(now);
        var used = current ? group.Used : 0;
        return new QuotaGroupStatus(
            group.Name, [.. group.Accounts.Select(a => a.Id)], QuotaMonth.Of(now), used, group.Quota.MonthlyCalls, QuotaForecast.Of(used, now),
            current ? group.Step : QuotaStep.Normal, current && group.RefusedByDingTalk);
    }

    private IEnumerable<Measurement<long>> Measure(Func<QuotaGroupStatus, long> value) =>
        Snapshot().Select(s => new Measurement<long>(value(s), new KeyValuePair<string, object?>("group", s.Group)));
}
