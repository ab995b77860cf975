using System.Collections.Concurrent;
using DingGate.Core.Storage;
using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk.Inbound;

// Replicas on one database (ReplicaLeases.Clustered): taking over the entries whose lease ran out, and keeping one
// conversation's turns in arrival order across replicas. Standalone gateways never come here.
internal sealed partial class InboundDispatcher
{
    /// <summary>Most entries one takeover claims at once (the rest at the next look).</summary>
    public const int TakeoverBatch = 64;

    /// <summary>Most earlier entries of a lane looked at per check.</summary>
    private const int EarlierLimit = 16;

    // Keys this process took over and is still handing to the handler (their turn is not queued yet): a later message
    // of the same conversation waits for them, so the session queue gets them in arrival order.
    private readonly ConcurrentDictionary<string, byte> _takingOver = new(StringComparer.Ordinal);

    /// <summary>
    /// Clustered: claims the account's unfinished entries whose lease ran out (and, with <paramref name="includeOwn"/>
    /// at a start, those this replica id still holds from its last run), recovers their cards and reactions, runs them
    /// through the lanes like a resume and ends their cards no resumed answer took. Returns how many it claimed; call
    /// again while it returns <see cref="TakeoverBatch"/>.
    /// </summary>
    public async Task<int> TakeOverAsync(bool includeOwn, CancellationToken cancellationToken)
    {
        if (leases is not { Clustered: true } || takeover is null)
        {
            throw new InvalidOperationException("Takeover needs a clustered replica.");
        }

        var claimed = await journal.ClaimExpiredAsync(account.Id, leases.Owner, leases.Now, leases.UntilFromNow, includeOwn, TakeoverBatch, cancellationToken);
        if (claimed.Count > 0)
        {
            LogTakingOver(account.Id, claimed.Count, leases.Owner);
        }

        await RunTakenOverAsync(claimed, cancellationToken);
        return claimed.Count;
    }

    private async Task RunTakenOverAsync(IReadOnlyList<InboundJournalEntry> claimed, CancellationToken cancellationToken)
    {
        var keys = claimed.Select(e => e.MessageKey).ToHashSet(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            _takingOver[key] = 0;
        }

        try
        {
            await takeover!.BeforeAsync(keys, cancellationToken);
            if (claimed.Count == 0)
            {
                return;
            }

            await ResumeAsync(claimed, cancellationToken);
            await takeover.AfterAsync(keys, cancellationToken);
        }
        finally
        {
            foreach (var key in keys)
            {
                HandedOver(key);
            }
        }
    }

    private void HandedOver(string key) => _takingOver.TryRemove(key, out _);

    // Before a turn runs here: every earlier unfinished message of its conversation must be answered first. One another
    // replica holds (lease alive) is waited for (polled, cancellable); one whose lease ran out is claimed and run here,
    // first; one this process took over and is still handing over is waited for; this process's other earlier messages
    // are ahead in its own lane and session queue already.
    private async Task WaitForEarlierTurnsAsync(string lane, string key, CancellationToken cancellationToken)
    {
        var leased = leases!;
        var waiting = false;
        while (true)
        {
            var blocked = false;
            foreach (var earlier in await journal.ListEarlierInLaneAsync(account.Id, lane, key, EarlierLimit, cancellationToken))
            {
                if (earlier.LeaseOwner == leased.Owner)
                {
                    if (_takingOver.ContainsKey(earlier.MessageKey))
                    {
                        blocked = true;
                        break;
                    }

                    continue;
                }

                if (earlier.LeaseUntil is { } until && until >= leased.Now)
                {
                    blocked = true;
                    break;
                }

                if (!leased.ClaimsSuspended && await journal.ClaimOneAsync(account.Id, earlier.MessageKey, leased.Owner, leased.Now, leased.UntilFromNow, cancellationToken) is { } claimed)
                {
                    LogTakingOver(account.Id, 1, leased.Owner);
                    await RunTakenOverAsync([claimed], cancellationToken);
                }

                blocked = true;
                break;
            }

            if (!blocked)
            {
                return;
            }

            if (!waiting)
            {
                waiting = true;
                LogWaitingForEarlier(account.Id);
            }

            await Task.Delay(leased.OrderPoll, leased.Time, cancellationToken);
        }
    }

    [LoggerMessage(EventId = 1217, Level = LogLevel.Warning, Message = "Account {AccountId}: taking over {Count} unfinished message(s) whose replica's lease ran out (now held by {Replica})")]
    private partial void LogTakingOver(string accountId, int count, string replica);

    [LoggerMessage(EventId = 1218, Level = LogLevel.Debug, Message = "Account {AccountId}: an earlier message of this conversation is still being answered by another replica; waiting for it")]
    private partial void LogWaitingForEarlier(string accountId);
}
