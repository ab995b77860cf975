using DingGate.Core.Configuration;
using DingGate.Core.Inbound;
using DingGate.Core.Storage;
using DingGate.Core.Texts;
using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk.Policies;

/// <summary>
/// Decides whether a parsed message may reach the agent, from the account's <c>dmPolicy</c>, <c>groupPolicy</c>,
/// <c>allowFrom</c>, per-group <c>groups.&lt;cid&gt;</c> settings and the senders approved in the
/// <see cref="IPairingStore"/> (by pairing or <c>dinggate allow add</c>). "Allowed" below means: on the
/// <see cref="AllowFromList"/> (staff id, else sender id) <b>or</b> approved in the store under
/// <see cref="SenderUserId"/>.
/// <list type="bullet">
/// <item>DM <c>open</c>: allow.</item>
/// <item>DM, any policy: an owner (<c>owners</c>) → allow.</item>
/// <item>DM <c>allowlist</c>: allowed by <c>allowFrom</c> → allow; else deny with a reply naming the user id
/// (an empty <c>allowFrom</c> lets only approved senders in).</item>
/// <item>DM <c>pairing</c>: allowed → allow; else <see cref="PairingService.IssueAsync"/> (code issued, or the same
/// code still pending).</item>
/// <item>Group, <c>disabled</c>: ignore (no reply).</item>
/// <item>Group, any policy, <c>groups.&lt;cid&gt;.enabled == false</c>: ignore (no reply).</item>
/// <item>Group <c>open</c>: with <c>groups.&lt;cid&gt;.groupAllowFrom</c> set, only senders on it (else deny);
/// without it everyone. The account's <c>allowFrom</c> does not apply to open groups.</item>
/// <item>Group <c>allowlist</c>: the group must be listed under <c>groups</c> (else deny with a reply naming the
/// group id). Then with <c>groupAllowFrom</c> set only senders on it (approvals do not count: the list is
/// per group); else with a non-empty account <c>allowFrom</c> only allowed senders (list or approved); else everyone.</item>
/// </list>
/// The policy never sends anything; the dispatcher sends <see cref="PolicyDecision.Reply"/>.
/// </summary>
internal sealed partial class AccessPolicy(IPairingStore store, PairingService pairing, TimeProvider time, ILogger<AccessPolicy> logger)
{
    public async Task<PolicyDecision> DecideAsync(DingTalkAccount account, InboundMessage message, CancellationToken cancellationToken)
    {
        var decision = message.Conversation == ConversationKind.Direct
            ? await DecideDirectAsync(account, message, cancellationToken).ConfigureAwait(false)
            : await DecideGroupAsync(account, message, cancellationToken).ConfigureAwait(false);
        if (decision is not PolicyDecision.Allow)
        {
            var userId = SenderUserId.Of(message.Sender);
            var reason = ReasonOf(decision);
            LogNotAllowed(account.Id, message.MessageId, message.Conversation, userId, decision.GetType().Name, reason);
        }

        return decision;
    }

    private async Task<PolicyDecision> DecideDirectAsync(DingTalkAccount account, InboundMessage message, CancellationToken cancellationToken)
    {
        if (account.DmPolicy == DmPolicy.Open)
        {
            return new PolicyDecision.Allow();
        }

        // The bot's owners are allowed by definition (they approve the others), listed in allowFrom or not.
        if (Owners.OwnerList.Contains(account, message.Sender)
            || await IsAllowedAsync(account, new AllowFromList(account.AllowFrom), message.Sender, cancellationToken).ConfigureAwait(false))
        {
            return new PolicyDecision.Allow();
        }

        if (account.DmPolicy == DmPolicy.Pairing)
        {
            return await pairing.IssueAsync(account, message, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }

        var userId = SenderUserId.Of(message.Sender);
        return new PolicyDecision.Deny("sender not in allowFrom and not approved", AccessTexts.NotEnabled.Format(account.Locale, userId));
    }

    private async Task<PolicyDecision> DecideGroupAsync(DingTalkAccount account, InboundMessage message, CancellationToken cancellationToken)
    {
        if (account.GroupPolicy == GroupPolicy.Disabled)
        {
            return new PolicyDecision.Ignore("groupPolicy is disabled");
        }

        var cid = message.ConversationId;
        account.Groups.TryGetValue(cid, out var group);
        if (group is { Enabled: false })
        {
            return new PolicyDecision.Ignore($"group {cid} is disabled in groups");
        }

        var userId = SenderUserId.Of(message.Sender);
        if (group?.GroupAllowFrom is { } groupAllowFrom)
        {
            return new AllowFromList(groupAllowFrom).Allows(message.Sender)
                ? new PolicyDecision.Allow()
                : new PolicyDecision.Deny("sender not in groupAllowFrom", AccessTexts.NotInGroupAllowFrom.Format(account.Locale, userId, cid));
        }

        if (account.GroupPolicy == GroupPolicy.Open)
        {
            return new PolicyDecision.Allow();
        }

        if (group is null)
        {
            return new PolicyDecision.Deny("group not listed under groups (groupPolicy allowlist)", AccessTexts.GroupNotListed.Format(account.Locale, cid));
        }

        var allowFrom = new AllowFromList(account.AllowFrom);
        if (allowFrom.IsEmpty || await IsAllowedAsync(account, allowFrom, message.Sender, cancellationToken).ConfigureAwait(false))
        {
            return new PolicyDecision.Allow();
        }

        return new PolicyDecision.Deny("sender not in allowFrom and not approved", AccessTexts.NotEnabled.Format(account.Locale, userId));
    }

    private async Task<bool> IsAllowedAsync(DingTalkAccount account, AllowFromList allowFrom, InboundSender sender, CancellationToken cancellationToken) =>
        allowFrom.Allows(sender) || await store.IsApprovedAsync(account.Id, SenderUserId.Of(sender), cancellationToken).ConfigureAwait(false);

    private static string ReasonOf(PolicyDecision decision) => decision switch
    {
        PolicyDecision.Deny d => d.Reason,
        PolicyDecision.Ignore i => i.Reason,
        PolicyDecision.PairingIssued => "pairing code issued",
        PolicyDecision.PairingPending => "pairing code pending",
        _ => string.Empty,
    };
}
