namespace DingGate.DingTalk.Quota;

// The cluster's count (issue 17): with ISharedCounters (Redis, or PostgreSQL without it) every replica adds its calls to
// one counter per quota group and month and takes the total back, so the steps are decided on what the whole cluster
// spent. The store (IApiUsageStore, per account) stays the durable record; the shared counter is created from this
// replica's view of the total when it is missing (first replica of the month, or a Redis that lost its data).
public sealed partial class QuotaGovernor
{
    /// <summary>How often this run's calls are added to the cluster's shared counter (with shared counters).</summary>
    public static readonly TimeSpan SyncPeriod = TimeSpan.FromSeconds(1);

    // A shared counter outlives its month by a few days (a replica still adding late calls), then Redis drops it.
    private static readonly TimeSpan CounterLifetime = TimeSpan.FromDays(35);

    /// <summary>
    /// Adds this run's calls not yet shared to each group's shared counter and takes the cluster's total as the group's
    /// count (deciding its step on it). Unreachable shared store: the calls are kept and added on a later sync, and the
    /// group goes on counting this run's calls on top of the last total seen.
    /// </summary>
    internal async Task SyncAsync(CancellationToken cancellationToken)
    {
        if (_shared is null)
        {
            return;
        }

        int month;
        List<(QuotaGroup Group, long Delta, long Seed)> work;
        lock (_gate)
        {
            month = _month;
            if (month == 0)
            {
                return;
            }

            work = [.. _groups.Select(g => (Group: g, Delta: g.Unsynced, Seed: g.Used - g.Unsynced))];
            foreach (var group in _groups)
            {
                group.Unsynced = 0;
            }
        }

        foreach (var (group, delta, seed) in work)
        {
            long? total = null;
            try
            {
                total = await _shared.AddAsync(SharedKey(group.Name, month), delta, seed, CounterLifetime, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogSyncFailed(_logger, group.Name, ex);
            }

            (QuotaGroup, int, QuotaStep)? notice = null;
            lock (_gate)
            {
                if (total is not { } sum)
                {
                    group.Unsynced += delta;
                }
                else if (_month == month)
                {
                    // Never below this replica's own view (a counter re-created by a replica that saw less).
                    group.Used = Math.Max(sum + group.Unsynced, group.Used);
                    notice = Raise(group, month);
                }
            }

            if (notice is { } n)
            {
                _notices.Writer.TryWrite(n);
            }
        }
    }

    /// <summary>The shared counter of <paramref name="group"/>'s month (<see cref="QuotaMonth"/>).</summary>
    internal static string SharedKey(string group, int month) => $"quota:{group}:{month}";

    private async Task SyncLoopAsync(CancellationToken cancellationToken)
    {
        if (_shared is null)
        {
            return;
        }

        using var timer = new PeriodicTimer(SyncPeriod, _time);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            await SyncAsync(cancellationToken);
        }
    }
}
