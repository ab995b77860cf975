using System.Diagnostics.CodeAnalysis;

namespace DingGate.Core.Configuration;

/// <summary>A binding's conversation: a group by its openConversationId, or a user's 1:1 chats by staff id.</summary>
/// <param name="Kind">Group or user.</param>
/// <param name="Id">The openConversationId (<c>cid…</c>) or the staff id; never empty.</param>
public sealed record BindingPeer(BindingPeerKind Kind, string Id)
{
    /// <summary>The prefix of a group peer.</summary>
    public const string GroupPrefix = "group:";

    /// <summary>The prefix of a user peer.</summary>
    public const string UserPrefix = "user:";

    /// <summary>What a valid peer looks like (for error messages).</summary>
    public const string Forms = "\"group:<openConversationId>\" or \"user:<staffId>\"";

    /// <summary>Reads <c>group:&lt;cid&gt;</c> or <c>user:&lt;staffId&gt;</c> (prefix in any case, id trimmed and non-empty).</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out BindingPeer? peer)
    {
        peer = null;
        if (text is null)
        {
            return false;
        }

        var kind = text.StartsWith(GroupPrefix, StringComparison.OrdinalIgnoreCase) ? BindingPeerKind.Group
            : text.StartsWith(UserPrefix, StringComparison.OrdinalIgnoreCase) ? BindingPeerKind.User
            : (BindingPeerKind?)null;
        if (kind is not { } k)
        {
            return false;
        }

        var id = text[(k == BindingPeerKind.Group ? GroupPrefix.Length : UserPrefix.Length)..].Trim();
        if (id.Length == 0)
        {
            return false;
        }

        peer = new BindingPeer(k, id);
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => (Kind == BindingPeerKind.Group ? GroupPrefix : UserPrefix) + Id;
}
