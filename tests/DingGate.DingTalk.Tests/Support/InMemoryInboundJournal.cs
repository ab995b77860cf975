using DingGate.Core.Storage;

namespace DingGate.DingTalk.Tests.Support;

/// <summary>A thread-safe in-memory journal (the SQLite one lives in Storage); records every append call in order.</summary>
internal sealed class InMemoryInboundJournal : IInboundJournal
{
    private readonly Dictionary<(string, string), InboundJournalEntry> _entries = [];
    private readonly List<(InboundJournalEntry Entry, bool Fresh)> _appends = [];
    private readonly Lock _gate = new();

    /// <summary>Runs inside AppendAsync after the entry is stored and before it returns.</summary>
    public Func<InboundJournalEntry, Task>? OnAppended { get; set; }

    /// <summary>When set, AppendAsync throws it.</summary>
    public Exception? FailWith { get; set; }

    public IReadOnlyList<(InboundJournalEntry Entry, bool Fresh)> Appends
    {
        get
        {
            lock (_gate)
            {
                return _appends.ToList();
            }
        }
    }

    public async Task<bool> AppendAsync(InboundJournalEntry entry, CancellationToken cancellationToken)
    {
        if (FailWith is { } failure)
        {
            throw failure;
        }

        bool fresh;
        lock (_gate)
        {
            fresh = _entries.TryAdd((entry.AccountId, entry.MessageKey), entry);
            _appends.Add((entry, fresh));
        }

        if (OnAppended is { } hook)
        {
            await hook(entry);
        }

        return fresh;
    }

    public Task MarkAsync(string accountId, string messageKey, InboundState state, string? detail, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue((accountId, messageKey), out var entry))
            {
                _entries[(accountId, messageKey)] = entry with
                {
                    State = state, Detail = detail, Attempts = entry.Attempts + (state == InboundState.Processing ? 1 : 0),
                };
            }
        }

        return Task.CompletedTask;
    }

    public Task<InboundJournalEntry?> FindAsync(string accountId, string messageKey, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_entries.TryGetValue((accountId, messageKey), out var entry) ? entry : null);
        }
    }

    public Task<JournalFailures> GetFailuresAsync(string accountId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var failed = _entries.Values.Where(e => e.AccountId == accountId && e.State == InboundState.Failed).ToList();
            return Task.FromResult(failed.Count == 0 ? JournalFailures.None : new JournalFailures(failed.Count, null, failed[^1].Detail));
        }
    }

    public Task<IReadOnlyList<InboundJournalEntry>> ListUnfinishedAsync(string accountId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<InboundJournalEntry> list = _entries.Values
                .Where(e => e.AccountId == accountId && e.State is InboundState.Received or InboundState.Processing)
                .OrderBy(e => e.ReceivedAt).ToList();
            return Task.FromResult(list);
        }
    }

    // Retention runs in the gateway host against the real store (Storage.Tests, Cli.Tests); the channel never purges.
    public Task<int> PurgeFinishedAsync(DateTimeOffset finishedBefore, int limit, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The in-memory journal keeps no finish times; retention is tested on SQLite.");

    public Task<IReadOnlyList<string>> ListKeysRetainedAfterAsync(string accountId, DateTimeOffset finishedAfter, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The in-memory journal keeps no finish times; retention is tested on SQLite.");

    // Leases are a clustered (PostgreSQL) feature; the in-memory journal stands in for a standalone gateway's.
    public Task<int> RenewLeasesAsync(string owner, DateTimeOffset until, CancellationToken cancellationToken) =>
        throw new NotSupportedException("leases are not used by a standalone gateway");

    public Task<IReadOnlyList<string>> ListTakenAsync(string accountId, string owner, IReadOnlyCollection<string> messageKeys, CancellationToken cancellationToken) =>
        throw new NotSupportedException("leases are not used by a standalone gateway");

    public Task<int> ReleaseLeasesAsync(string accountId, string owner, CancellationToken cancellationToken) =>
        throw new NotSupportedException("leases are not used by a standalone gateway");

    public Task<IReadOnlyList<InboundJournalEntry>> ClaimExpiredAsync(
        string accountId, string owner, DateTimeOffset now, DateTimeOffset until, bool includeOwn, int limit, CancellationToken cancellationToken) =>
        throw new NotSupportedException("leases are not used by a standalone gateway");

    public Task<InboundJournalEntry?> ClaimOneAsync(
        string accountId, string messageKey, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken) =>
        throw new NotSupportedException("leases are not used by a standalone gateway");

    public Task<IReadOnlyList<InboundJournalEntry>> ListEarlierInLaneAsync(
        string accountId, string lane, string messageKey, int limit, CancellationToken cancellationToken) =>
        throw new NotSupportedException("leases are not used by a standalone gateway");
}
