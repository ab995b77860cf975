using DingGate.Core.Configuration;
using DingGate.Core.Texts;
using DingGate.DingTalk.Replies;

namespace DingGate.DingTalk.Policies;

/// <summary>Approves a pairing code of one account and tells the sender in their 1:1 chat (what <c>dinggate pairing approve</c> calls).</summary>
internal sealed class PairingApprover(DingTalkAccount account, PairingService pairing, DirectTextSender sender, TimeProvider time, LiveAccount? live = null)
{
    public async Task<PairingApproval> ApproveAsync(string code, CancellationToken cancellationToken)
    {
        var approval = await pairing.ApproveAsync(account.Id, code, time.GetUtcNow(), cancellationToken);
        if (approval is PairingApproval.Approved approved)
        {
            await sender.SendAsync(approved.Request.UserId, PairingTexts.Approved.For((live?.Current ?? account).Locale), cancellationToken);
        }

        return approval;
    }
}
