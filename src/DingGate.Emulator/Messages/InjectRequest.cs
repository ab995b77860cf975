using System.Text.Json.Nodes;

namespace DingGate.Emulator.Messages;

/// <summary>
/// What the control API asked to inject: who says what where. <see cref="Conversation"/> is <c>dm</c> (the 1:1 chat
/// of <see cref="From"/> with the bot) or a group's <c>openConversationId</c>. Optional parts fall back to realistic defaults.
/// </summary>
internal sealed record InjectRequest
{
    public string? ClientId { get; init; }

    public required string From { get; init; }

    public string Conversation { get; init; } = "dm";

    public string MsgType { get; init; } = "text";

    public string? Text { get; init; }

    /// <summary>Whether the bot is @-mentioned (groups); default true.</summary>
    public bool AtBot { get; init; } = true;

    public IReadOnlyList<string> AtUsers { get; init; } = [];

    public JsonObject? Quote { get; init; }

    public InjectAttachment? File { get; init; }

    /// <summary>Segments for richText: <c>{text}</c>, <c>{type:"text",text}</c>, <c>{type:"picture",contentBase64?}</c>, <c>{type:"at",atUserId}</c>.</summary>
    public JsonArray? RichText { get; init; }

    /// <summary>Forwarded history for chatRecord: <c>[{from|senderNick, text}]</c>.</summary>
    public JsonArray? Records { get; init; }

    public string? Recognition { get; init; }

    /// <summary>Audio/video duration in ms (audio default 4000, video default 5000).</summary>
    public long? DurationMs { get; init; }

    public bool DurationAsString { get; init; }

    public bool QuotaExhausted { get; init; }

    public string Platform { get; init; } = "Mac";
}
