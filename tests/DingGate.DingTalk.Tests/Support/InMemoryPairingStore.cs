using DingGate.Core.Storage;

namespace DingGate.DingTalk.Tests.Support;

/// <summary>A hand-written <see cref="IPairingStore"/> fake with the contract's semantics (expiry by <c>now</c>, case-insensitive codes).</summary>
internal sealed class InMemoryPairingStore : IPairingStore
{
    private readonly Lock _gate = new();
    private readonly List<PairingRequest> _pending = [];
    private readonly HashSet<(string AccountId, string UserId)> _approved = [];

    public IReadOnlyList<PairingRequest> AllPending
    {
        get
        {
            lock (_gate)
            {
                return [.. _pending];
            }
        }
    }

    public Task<IReadOnlyList<PairingRequest>> ListPendingAsync(string accountId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<PairingRequest> list = _pending.Where(p => p.AccountId == accountId && p.ExpiresAt > now).OrderBy(p => p.CreatedAt).ToList();
            return Task.FromResult(list);
        }
    }

    public Task<PairingRequest?> FindPendingByUserAsync(string accountId, string userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_pending.FirstOrDefault(p => p.AccountId == accountId && p.UserId == userId && p.ExpiresAt > now));
        }
    }

    public Task AddPendingAsync(PairingRequest request, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _pending.Add(request);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<PairingRequest>> AddPendingAsync(PairingRequest request, int maxPendingPerAccount, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _pending.RemoveAll(p => p.AccountId == request.AccountId && (p.ExpiresAt <= request.CreatedAt || p.UserId == request.UserId));
            var account = _pending.Where(p => p.AccountId == request.AccountId).OrderBy(p => p.CreatedAt).ToList();
            IReadOnlyList<PairingRequest> removed = account.Take(Math.Max(0, account.Count - (maxPendingPerAccount - 1))).ToList();
            _pending.RemoveAll(removed.Contains);
            _pending.Add(request);
            return Task.FromResult(removed);
        }
    }

    public Task<PairingRequest?> TakePendingAsync(string accountId, string code, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var found = _pending.FirstOrDefault(p => p.AccountId == accountId && string.Equals(p.Code, code, StringComparison.OrdinalIgnoreCase));
            if (found is null)
            {
                return Task.FromResult<PairingRequest?>(null);
            }

            _pending.Remove(found);
            return Task.FromResult(found.ExpiresAt > now ? found : null);
        }
    }

    public Task ApproveAsync(string accountId, string userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _approved.Add((accountId, userId));
        }

        return Task.CompletedTask;
    }

    public Task<bool> RevokeAsync(string accountId, string userId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_approved.Remove((accountId, userId)));
        }
    }

    public Task<bool> IsApprovedAsync(string accountId, string userId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_approved.Contains((accountId, userId)));
        }
    }

    public Task<IReadOnlyList<string>> ListApprovedAsync(string accountId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<string> list = _approved.Where(a => a.AccountId == accountId).Select(a => a.UserId).Order(StringComparer.Ordinal).ToList();
            return Task.FromResult(list);
        }
    }
}
