namespace DingGate.Core.Replies;

/// <summary>Where a proactive message goes: <c>user:&lt;staffId&gt;</c> (the user's 1:1 chat with the bot) or <c>group:&lt;conversationId&gt;</c>.</summary>
/// <param name="Kind">User or group.</param>
/// <param name="Id">Staff id or open conversation id.</param>
public sealed record MessageTarget(MessageTargetKind Kind, string Id)
{
    /// <summary>Parses <c>user:&lt;id&gt;</c> or <c>group:&lt;id&gt;</c>; anything else throws a <see cref="FormatException"/> naming the text.</summary>
    public static MessageTarget Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var prefix = colon > 0 ? text[..colon].Trim() : string.Empty;
        var id = colon > 0 ? text[(colon + 1)..].Trim() : string.Empty;
        var kind = prefix.ToUpperInvariant() switch
        {
            "USER" => MessageTargetKind.User,
            "GROUP" => MessageTargetKind.Group,
            _ => (MessageTargetKind?)null,
        };
        if (kind is null || id.Length == 0)
        {
            throw new FormatException($"'{text}' is not a message target: use user:<staffId> or group:<openConversationId>.");
        }

        return new MessageTarget(kind.Value, id);
    }

    /// <inheritdoc/>
    public override string ToString() => (Kind == MessageTargetKind.User ? "user:" : "group:") + Id;
}
