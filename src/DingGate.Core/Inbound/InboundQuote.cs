namespace DingGate.Core.Inbound;

/// <summary>The message a user replied to ("引用"), as far as the channel reveals it.</summary>
public sealed record InboundQuote
{
    /// <summary>Id of the quoted message, when known.</summary>
    public string? MessageId { get; init; }

    /// <summary>Sender id of the quoted message, when known.</summary>
    public string? SenderId { get; init; }

    /// <summary>True when the quoted message was sent by this bot.</summary>
    public bool FromBot { get; init; }

    /// <summary>What kind of message was quoted.</summary>
    public InboundContentKind Kind { get; init; }

    /// <summary>Readable text of the quoted message (or a placeholder such as "[file: a.pdf]").</summary>
    public string Text { get; init; } = string.Empty;

    /// <summary>Files of the quoted message that can be downloaded.</summary>
    public IReadOnlyList<InboundAttachment> Attachments { get; init; } = [];

    /// <summary>Channel key of the bot's own quoted card (DingTalk originalProcessQueryKey).</summary>
    public string? BotMessageKey { get; init; }
}
