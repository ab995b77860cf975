namespace DingGate.DingTalk.Cluster;

/// <summary>
/// The replies this clustered replica is generating, by journal entry (account, message key): what
/// <see cref="LeaseRenewal"/> checks after each renewal, so a turn whose entry another replica took over (this process
/// stalled past its lease) is fenced: its reply stops and sends nothing. One per process, shared by every account.
/// </summary>
internal sealed class HeldTurns
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Account, string Key), List<HeldTurn>> _turns = [];
    private long _sequence;

    /// <summary>Registers a reply for the entry; dispose the result when the reply ends.</summary>
    public HeldTurn Register(string accountId, string messageKey)
    {
        lock (_gate)
        {
            var turn = new HeldTurn(this, accountId, messageKey, ++_sequence);
            var key = (accountId, messageKey);
            if (!_turns.TryGetValue(key, out var list))
            {
                _turns[key] = list = [];
            }

            list.Add(turn);
            return turn;
        }
    }

    /// <summary>The sequence number the next registration gets: turns registered before it was read are older than a renewal started then.</summary>
    public long Mark()
    {
        lock (_gate)
        {
            return _sequence;
        }
    }

    /// <summary>The turns registered up to <paramref name="mark"/> (at most one per entry), grouped by account.</summary>
    public IReadOnlyDictionary<string, IReadOnlyCollection<string>> HeldAt(long mark)
    {
        lock (_gate)
        {
            return _turns
                .Where(p => p.Value.Any(t => t.Sequence <= mark))
                .GroupBy(p => p.Key.Account, p => p.Key.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => (IReadOnlyCollection<string>)[.. g], StringComparer.Ordinal);
        }
    }

    /// <summary>Fences every turn of the entry registered up to <paramref name="mark"/>; returns how many were not fenced yet.</summary>
    public int Fence(string accountId, string messageKey, long mark)
    {
        List<HeldTurn> fenced;
        lock (_gate)
        {
            fenced = _turns.TryGetValue((accountId, messageKey), out var list) ? [.. list.Where(t => t.Sequence <= mark)] : [];
        }

        return fenced.Count(t => t.Fence());
    }

    internal void Remove(HeldTurn turn)
    {
        lock (_gate)
        {
            var key = (turn.AccountId, turn.MessageKey);
            if (_turns.TryGetValue(key, out var list) && list.Remove(turn) && list.Count == 0)
            {
                _turns.Remove(key);
            }
        }
    }
}
