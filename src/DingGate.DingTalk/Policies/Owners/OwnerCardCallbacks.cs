using DingGate.Core.Storage;
using DingGate.DingTalk.Replies.Cards;
using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk.Policies.Owners;

/// <summary>
/// Handles a journaled card callback (<c>/v1.0/card/instances/callback</c>) when it is a click on a pairing-request card:
/// an owner's Approve or Deny goes to <see cref="OwnerPairingDecisions"/>. The ACK has already answered "no change"
/// (DingTalk waits at most 2 s, and the decision writes the database and calls DingTalk); the card is updated through
/// the card API once decided. Runs from the inbound journal, so a crash mid-way resumes it, and a redelivered frame
/// (same message id) is not handed over again. A click by someone who is not an owner (now) does nothing.
/// </summary>
internal sealed partial class OwnerCardCallbacks(LiveAccount live, IOwnerApprovalStore approvals, OwnerPairingDecisions decisions, ILogger<OwnerCardCallbacks> logger)
{
    /// <summary>The journal detail when the callback was a pairing card's, else null (not ours: e.g. a stop button).</summary>
    public async Task<string?> HandleAsync(string payload, CancellationToken cancellationToken)
    {
        if (CardCallbackClick.TryParse(payload) is not { OutTrackId: { Length: > 0 } outTrackId } click
            || await approvals.FindByCardAsync(live.Id, outTrackId, cancellationToken) is not { } row)
        {
            return null;
        }

        if (!OwnerList.Contains(live.Current, click.UserId))
        {
            LogNotOwner(live.Id, row.Code, click.UserId);
            return $"pairing card {row.Code}: click by {click.UserId}, not an owner; ignored";
        }

        if (OwnerCardVariables.ActionOf(click) is not { } wanted)
        {
            LogUnknownButton(live.Id, row.Code, click.ActionIds);
            return $"pairing card {row.Code}: not an approve or deny button; ignored";
        }

        var result = await decisions.DecideAsync(row.Code, wanted, click.UserId!, cancellationToken);
        return $"pairing card {row.Code}: {wanted} by {click.UserId} → {result.GetType().Name}";
    }
}
