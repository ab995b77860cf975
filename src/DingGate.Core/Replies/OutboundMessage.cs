namespace DingGate.Core.Replies;

/// <summary>A message the gateway sends on its own (not answering a message): text or markdown, and files.</summary>
public sealed record OutboundMessage
{
    /// <summary>The text (may be empty when only files are sent).</summary>
    public string Text { get; init; } = string.Empty;

    /// <summary>Send as markdown; null: detect from the text.</summary>
    public bool? Markdown { get; init; }

    /// <summary>Markdown title shown in the chat list; default: from the first line.</summary>
    public string? Title { get; init; }

    /// <summary>Files sent after the text.</summary>
    public IReadOnlyList<OutboundFile> Files { get; init; } = [];
}
