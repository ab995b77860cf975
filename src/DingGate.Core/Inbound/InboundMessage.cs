namespace DingGate.Core.Inbound;

/// <summary>
/// One message a user sent to the bot, parsed from the channel's payload. Channel-neutral: the agent and the session
/// layer see only this. <see cref="Text"/> is what the model should read (mention stripped, recognition for audio,
/// a placeholder for what cannot be read); nothing is ever dropped.
/// </summary>
public sealed record InboundMessage
{
    /// <summary>Account (bot) that received it.</summary>
    public required string AccountId { get; init; }

    /// <summary>Channel message id (DingTalk msgId), the dedup key.</summary>
    public required string MessageId { get; init; }

    /// <summary>Conversation id (DingTalk conversationId / openConversationId).</summary>
    public required string ConversationId { get; init; }

    /// <summary>1:1 or group.</summary>
    public required ConversationKind Conversation { get; init; }

    /// <summary>Group name, groups only.</summary>
    public string? ConversationTitle { get; init; }

    /// <summary>Who sent it.</summary>
    public required InboundSender Sender { get; init; }

    /// <summary>What kind of content it is.</summary>
    public required InboundContentKind Kind { get; init; }

    /// <summary>Readable text for the model.</summary>
    public required string Text { get; init; }

    /// <summary>Files to download or already downloaded.</summary>
    public IReadOnlyList<InboundAttachment> Attachments { get; init; } = [];

    /// <summary>True when the bot was @-mentioned (always true for delivered group messages).</summary>
    public bool MentionsBot { get; init; }

    /// <summary>Staff ids of other users @-mentioned, when known.</summary>
    public IReadOnlyList<string> MentionedStaffIds { get; init; } = [];

    /// <summary>The message replied to, if any.</summary>
    public InboundQuote? Quote { get; init; }

    /// <summary>When the user sent it.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Temporary reply URL (DingTalk sessionWebhook), with its expiry.</summary>
    public Uri? ReplyWebhook { get; init; }

    /// <summary>Expiry of <see cref="ReplyWebhook"/>.</summary>
    public DateTimeOffset? ReplyWebhookExpiresAt { get; init; }

    /// <summary>Platform error carried instead of content (DingTalk errorCode 20001: usage quota exhausted).</summary>
    public string? PlatformError { get; init; }
}
