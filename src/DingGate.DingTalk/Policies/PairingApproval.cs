using DingGate.Core.Storage;

namespace DingGate.DingTalk.Policies;

/// <summary>Outcome of <see cref="PairingService.ApproveAsync"/>.</summary>
internal abstract record PairingApproval
{
    private PairingApproval()
    {
    }

    /// <summary>The request was taken and its user approved; send <paramref name="ReplyText"/> to <see cref="PairingRequest.ConversationId"/>.</summary>
    public sealed record Approved(PairingRequest Request, string ReplyText) : PairingApproval;

    /// <summary>No unexpired pending request has this code (never issued, already used or denied, or older than an hour).</summary>
    public sealed record NotFound(string Code, string Message) : PairingApproval;
}
