namespace DingGate.Core.Storage;

/// <summary>Durable record of the pairing requests sent to the owners (<see cref="OwnerApproval"/>).</summary>
public interface IOwnerApprovalStore
{
    /// <summary>Records a request to send to the owners; false (nothing changed) when the account already has a row for the code.</summary>
    Task<bool> AddAsync(OwnerApproval approval, CancellationToken cancellationToken);

    /// <summary>The row of <paramref name="code"/> (exact, upper case), or null.</summary>
    Task<OwnerApproval?> FindAsync(string accountId, string code, CancellationToken cancellationToken);

    /// <summary>The row whose card is <paramref name="outTrackId"/>, or null.</summary>
    Task<OwnerApproval?> FindByCardAsync(string accountId, string outTrackId, CancellationToken cancellationToken);

    /// <summary>Marks the owners' notice sent (<paramref name="by"/>: card or text).</summary>
    Task MarkNotifiedAsync(string accountId, string code, string by, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Claims the decision: sets it when the row is still undecided and returns true; false when another click or command
    /// decided first (the row is unchanged). <paramref name="replica"/> (clustered gateways; null otherwise) becomes the
    /// row's <see cref="OwnerApproval.WorkedBy"/> with the claim: the replica that shows the decision.
    /// </summary>
    Task<bool> TryDecideAsync(string accountId, string code, OwnerDecision decision, string owner, DateTimeOffset at, string? replica, CancellationToken cancellationToken);

    /// <summary>
    /// Replicas: hands the row to <paramref name="replica"/> when its <see cref="OwnerApproval.WorkedBy"/> is still
    /// <paramref name="from"/> (a replica no longer live, or none); false when another replica took it first.
    /// </summary>
    Task<bool> TakeWorkAsync(string accountId, string code, string? from, string replica, CancellationToken cancellationToken);

    /// <summary>Marks the card updated with the decision.</summary>
    Task MarkCardUpdatedAsync(string accountId, string code, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Decided rows of the account, decided at or after <paramref name="since"/>, whose decision is not fully shown yet:
    /// approved or denied with the requester not told, or sent as a card that was not updated (a crash or a refused call
    /// in between).
    /// </summary>
    Task<IReadOnlyList<OwnerApproval>> ListUnfinishedAsync(string accountId, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Marks the requester told.</summary>
    Task MarkRequesterToldAsync(string accountId, string code, DateTimeOffset at, CancellationToken cancellationToken);
}
