using DingGate.DingTalk.Replies.Cards;
using DingGate.DingTalk.Replies.Thinking;

namespace DingGate.DingTalk.Cluster;

/// <summary>
/// Around the messages a clustered replica claimed (at its start, in its takeover loop, or one earlier turn in a lane):
/// before they run, the cards and "thinking" reactions of those messages (and orphans) are recovered exactly as a
/// standalone start recovers all of them — a card left open is offered to the resumed answer or ended, a reaction is
/// taken back; after they ran, their cards no resumed reply took are ended. Rows of messages a live replica holds are
/// never touched (see <see cref="TakeoverScope"/>).
/// </summary>
internal sealed class TakeoverRecovery(ReplicaLeases leases, OpenCardRecovery cards, ShownIndicatorRecovery indicators)
{
    public async Task BeforeAsync(IReadOnlySet<string> keys, CancellationToken cancellationToken)
    {
        var scope = new TakeoverScope(keys, leases.Now - 2 * leases.Lease);
        await cards.RecoverAsync(scope, cancellationToken);
        await indicators.RecoverAsync(scope, cancellationToken);
    }

    public Task AfterAsync(IReadOnlySet<string> keys, CancellationToken cancellationToken) => cards.EndUnclaimedAsync(keys, cancellationToken);
}
