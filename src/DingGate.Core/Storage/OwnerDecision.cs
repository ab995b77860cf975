namespace DingGate.Core.Storage;

/// <summary>What became of a pairing request sent to the owners (see <see cref="OwnerApproval"/>).</summary>
public enum OwnerDecision
{
    /// <summary>Not decided yet.</summary>
    None = 0,

    /// <summary>An owner approved it (card button or <c>/approve</c>).</summary>
    Approved = 1,

    /// <summary>An owner denied it (card button or <c>/deny</c>).</summary>
    Denied = 2,

    /// <summary>An owner acted on it when it was no longer pending: expired, or handled elsewhere (<c>dinggate pairing approve</c>).</summary>
    Gone = 3,
}
