using System.Text.Json.Nodes;

namespace DingGate.Emulator.Conversations;

/// <summary>
/// One message in a conversation as a user of DingTalk would see it: what a user sent to the bot, or what the bot
/// sent (through a session webhook, the robot OpenAPI or a card). <see cref="Content"/> is the message body as sent
/// (e.g. <c>{"title":…,"text":…}</c> for markdown, the card's public data for cards).
/// </summary>
internal sealed class ConversationEntry
{
    public required long Sequence { get; init; }

    public required DateTimeOffset At { get; init; }

    public required string ConversationId { get; init; }

    /// <summary>"1" for a 1:1 bot chat, "2" for a group.</summary>
    public required string ConversationType { get; init; }

    /// <summary>Robot code of the bot in this conversation.</summary>
    public required string RobotCode { get; init; }

    public required bool FromBot { get; init; }

    /// <summary>User id of the human sender (user messages) or of the addressed user (bot 1:1 sends).</summary>
    public string? UserId { get; init; }

    /// <summary>msgtype / msgKey / "card": <c>text</c>, <c>markdown</c>, <c>actionCard</c>, <c>sampleImageMsg</c>, <c>card</c>…</summary>
    public required string Kind { get; init; }

    /// <summary>How it travelled: <c>user</c>, <c>sessionWebhook</c>, <c>oToMessages/batchSend</c>, <c>groupMessages/send</c>, <c>card</c>.</summary>
    public required string Via { get; init; }

    public required JsonNode Content { get; init; }

    /// <summary>processQueryKey (OpenAPI sends), carrierId (cards) or msgId (user messages).</summary>
    public string? MessageKey { get; init; }

    /// <summary>Card outTrackId for card entries, whose live state is read from the card store.</summary>
    public string? OutTrackId { get; init; }

    public bool Recalled { get; set; }
}
