using DingGate.Core.Storage;

namespace DingGate.DingTalk.Policies;

/// <summary>Outcome of <see cref="PairingService.ApproveAsync"/>.</summary>
internal abstract record PairingApproval
{
    private PairingApproval()
    {
    }

    /// <summary>The request was taken and its user approved (tell them <see cref="Core.Texts.PairingTexts.Approved"/> in the account's locale).</summary>
    public sealed record Approved(PairingRequest Request) : PairingApproval;

    /// <summary>No unexpired pending request has this code (never issued, already used or denied, or older than an hour).</summary>
    public sealed record NotFound(string Code, string Message) : PairingApproval;
}
