namespace DingGate.DingTalk.Policies.Owners;

/// <summary>
/// Recognizes the owner commands: <c>/approve CODE</c> (<c>/批准</c>), <c>/deny CODE</c> (<c>/拒绝</c>),
/// <c>/allow &lt;staffId&gt;</c>, <c>/revoke &lt;staffId&gt;</c>, <c>/pending</c> (<c>/待批准</c>), <c>/gateway</c>.
/// The name is the first word (ASCII case-insensitive; a full-width <c>／</c> counts as <c>/</c>); the argument is the
/// rest, trimmed. Anything else (other commands, plain text) is not an owner command.
/// </summary>
internal static class OwnerCommandParser
{
    private static readonly Dictionary<string, OwnerCommandKind> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["/approve"] = OwnerCommandKind.Approve,
        ["/批准"] = OwnerCommandKind.Approve,
        ["/deny"] = OwnerCommandKind.Deny,
        ["/拒绝"] = OwnerCommandKind.Deny,
        ["/allow"] = OwnerCommandKind.Allow,
        ["/revoke"] = OwnerCommandKind.Revoke,
        ["/pending"] = OwnerCommandKind.Pending,
        ["/待批准"] = OwnerCommandKind.Pending,
        ["/gateway"] = OwnerCommandKind.Gateway,
    };

    /// <summary>The command names and aliases (for help texts).</summary>
    public static IReadOnlyCollection<string> All => Names.Keys;

    public static OwnerCommand? TryParse(string? text)
    {
        var trimmed = (text ?? string.Empty).Trim();
        if (trimmed.Length < 2 || trimmed[0] is not ('/' or '／'))
        {
            return null;
        }

        var end = 0;
        while (end < trimmed.Length && !char.IsWhiteSpace(trimmed[end]))
        {
            end++;
        }

        var name = "/" + trimmed[1..end];
        return Names.TryGetValue(name, out var kind) ? new OwnerCommand(kind, name, trimmed[end..].Trim()) : null;
    }
}
