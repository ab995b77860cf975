using DingGate.Core.Inbound;

namespace DingGate.Core.Configuration;

/// <summary>
/// Picks the binding that routes a message, most specific first: a peer binding for this account, a peer binding for
/// any account (<c>account</c> absent or <c>*</c>), an account binding, an any-account binding; within one tier the
/// first in file order. A <c>group:</c> peer matches that group's messages; a <c>user:</c> peer matches that user's 1:1
/// chats only (as OpenClaw's <c>direct</c> peer), never their messages in a group: a group is one conversation and is
/// answered by one agent. No binding: the agent <c>default</c>.
/// </summary>
public static class AgentBindingMatcher
{
    /// <summary>The channel bindings route.</summary>
    public const string Channel = "dingtalk";

    /// <summary>
    /// The binding for a message of account <paramref name="accountId"/> in conversation <paramref name="conversationId"/>
    /// (<paramref name="conversation"/>: 1:1 or group) from <paramref name="senderStaffId"/>; null when none matches.
    /// </summary>
    public static AgentBinding? Find(
        IEnumerable<AgentBinding> bindings, string accountId, ConversationKind conversation, string conversationId, string? senderStaffId)
    {
        ArgumentNullException.ThrowIfNull(bindings);
        AgentBinding? best = null;
        var bestTier = int.MaxValue;
        foreach (var binding in bindings)
        {
            if (Tier(binding, accountId, conversation, conversationId, senderStaffId) is { } tier && tier < bestTier)
            {
                (best, bestTier) = (binding, tier);
            }
        }

        return best;
    }

    /// <summary>What a binding matches, written the same way for both shapes (two bindings with one key overlap).</summary>
    public static string MatchKey(AgentBinding binding)
    {
        ArgumentNullException.ThrowIfNull(binding);
        var account = binding.Account is null or "*" ? "*" : binding.Account;
        var peer = BindingPeer.TryParse(binding.Peer, out var p) ? p.ToString() : binding.Peer ?? "*";
        return $"{binding.Channel.ToLowerInvariant()} account {account} peer {peer}";
    }

    // 0 peer + this account, 1 peer + any account, 2 this account, 3 any account; null: no match.
    private static int? Tier(AgentBinding binding, string accountId, ConversationKind conversation, string conversationId, string? senderStaffId)
    {
        if (!string.Equals(binding.Channel, Channel, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var anyAccount = binding.Account is null or "*";
        if (!anyAccount && !string.Equals(binding.Account, accountId, StringComparison.Ordinal))
        {
            return null;
        }

        if (binding.Peer is null)
        {
            return anyAccount ? 3 : 2;
        }

        if (!BindingPeer.TryParse(binding.Peer, out var peer))
        {
            return null;
        }

        var matches = peer.Kind == BindingPeerKind.Group
            ? conversation == ConversationKind.Group && string.Equals(peer.Id, conversationId, StringComparison.Ordinal)
            : conversation == ConversationKind.Direct && string.Equals(peer.Id, senderStaffId, StringComparison.Ordinal);
        return matches ? (anyAccount ? 1 : 0) : null;
    }
}
