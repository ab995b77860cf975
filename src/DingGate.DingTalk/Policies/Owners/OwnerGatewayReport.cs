using System.Globalization;
using System.Text;
using DingGate.Core.Storage;
using DingGate.Core.Texts;
using DingGate.DingTalk.Quota;
using DingGate.DingTalk.Stream;

namespace DingGate.DingTalk.Policies.Owners;

/// <summary>
/// The <c>/gateway</c> answer, from the sources of <c>dinggate gateway status</c> and the admin <c>/status</c>: each
/// account's link state (<see cref="DingTalkChannel.Statuses"/>), the month's OpenAPI use per quota group
/// (<see cref="DingTalkChannel.Quota"/>) and each account's undelivered replies in the reply outbox.
/// </summary>
internal sealed class OwnerGatewayReport(Func<IReadOnlyList<StreamStatus>> statuses, IReplyOutbox outbox, QuotaGovernor? quota = null)
{
    private static readonly OutboxState[] Undelivered = [OutboxState.Pending, OutboxState.Ambiguous, OutboxState.Failed];

    public async Task<string> BuildAsync(BotLocale locale, CancellationToken cancellationToken)
    {
        var text = new StringBuilder(OwnerAdminTexts.GatewayHeader.For(locale));
        foreach (var status in statuses())
        {
            var counts = await outbox.CountAsync(status.AccountId, cancellationToken);
            text.Append('\n').Append(OwnerAdminTexts.GatewayAccount.Format(locale, status.AccountId, LinkText(status.State).For(locale)));
            text.Append('\n').Append(OwnerAdminTexts.GatewayUndelivered.Format(locale, Undelivered.Sum(s => counts.GetValueOrDefault(s))));
        }

        foreach (var group in quota?.Snapshot() ?? [])
        {
            text.Append('\n').Append(OwnerAdminTexts.GatewayQuota.Format(
                locale, group.Group, group.Used, group.Budget, group.Percent.ToString("0.#", CultureInfo.InvariantCulture), group.StepName));
        }

        return text.ToString();
    }

    private static BotText LinkText(StreamConnectionState state) => state switch
    {
        StreamConnectionState.Connected => OwnerAdminTexts.LinkConnected,
        StreamConnectionState.Reconnecting or StreamConnectionState.Retrying => OwnerAdminTexts.LinkRetrying,
        StreamConnectionState.Failed => OwnerAdminTexts.LinkFailed,
        StreamConnectionState.Stopped => OwnerAdminTexts.LinkStopped,
        _ => OwnerAdminTexts.LinkConnecting,
    };
}
