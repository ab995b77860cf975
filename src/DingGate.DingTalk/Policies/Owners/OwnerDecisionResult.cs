using DingGate.Core.Storage;

namespace DingGate.DingTalk.Policies.Owners;

/// <summary>What an owner's approve or deny (card button or command) did.</summary>
internal abstract record OwnerDecisionResult
{
    private OwnerDecisionResult()
    {
    }

    /// <summary>This click or command decided the request (<see cref="OwnerApproval.Decision"/> approved or denied).</summary>
    public sealed record Decided(OwnerApproval Approval) : OwnerDecisionResult;

    /// <summary>It had been decided before (another owner, an earlier click); nothing was done twice.</summary>
    public sealed record AlreadyDecided(OwnerApproval Approval) : OwnerDecisionResult;

    /// <summary>No pending request with this code (mistyped, expired, handled elsewhere); a card of it now says so.</summary>
    public sealed record NotFound(string Code) : OwnerDecisionResult;
}
