namespace DingGate.Core.Inbound;

/// <summary>What a user sent, independent of channel wire names.</summary>
public enum InboundContentKind
{
    /// <summary>Plain text.</summary>
    Text,

    /// <summary>Text mixed with pictures and mentions.</summary>
    RichText,

    /// <summary>A picture.</summary>
    Picture,

    /// <summary>A voice message; the text is the platform's speech recognition when present.</summary>
    Audio,

    /// <summary>A video.</summary>
    Video,

    /// <summary>A file.</summary>
    File,

    /// <summary>Markdown text.</summary>
    Markdown,

    /// <summary>A shared interactive card (e.g. a document link).</summary>
    InteractiveCard,

    /// <summary>Forwarded chat history.</summary>
    ChatRecord,

    /// <summary>Anything the gateway cannot read; kept with a placeholder text, never dropped.</summary>
    Unknown,
}
