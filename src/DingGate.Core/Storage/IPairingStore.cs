namespace DingGate.Core.Storage;

/// <summary>Pending pairing codes and the per-account set of approved senders (persistent).</summary>
public interface IPairingStore
{
    /// <summary>Pending, unexpired requests of an account, oldest first.</summary>
    Task<IReadOnlyList<PairingRequest>> ListPendingAsync(string accountId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The unexpired pending request of this user, if any.</summary>
    Task<PairingRequest?> FindPendingByUserAsync(string accountId, string userId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Stores a new pending request.</summary>
    Task AddPendingAsync(PairingRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a new pending request within the caps, in one transaction: it replaces any other pending request of the
    /// same user (one per sender), and when the account would then hold more than <paramref name="maxPendingPerAccount"/>
    /// unexpired requests, the oldest expire first (are removed) to make room. Returns the requests of other users that
    /// were removed to make room, oldest first.
    /// </summary>
    Task<IReadOnlyList<PairingRequest>> AddPendingAsync(PairingRequest request, int maxPendingPerAccount, CancellationToken cancellationToken);

    /// <summary>Removes and returns the unexpired pending request with this code (case-insensitive), or null.</summary>
    Task<PairingRequest?> TakePendingAsync(string accountId, string code, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Adds a user to the account's approved senders.</summary>
    Task ApproveAsync(string accountId, string userId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Removes a user from the approved senders; false when absent.</summary>
    Task<bool> RevokeAsync(string accountId, string userId, CancellationToken cancellationToken);

    /// <summary>Whether the user was approved (by pairing or <c>dinggate allow add</c>).</summary>
    Task<bool> IsApprovedAsync(string accountId, string userId, CancellationToken cancellationToken);

    /// <summary>The approved user ids of an account.</summary>
    Task<IReadOnlyList<string>> ListApprovedAsync(string accountId, CancellationToken cancellationToken);
}
