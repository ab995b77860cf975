namespace DingGate.Core.Inbound;

/// <summary>
/// A file that came with a message. <see cref="DownloadCode"/> is the channel's handle; once downloaded,
/// <see cref="LocalPath"/>, <see cref="ContentType"/> and <see cref="Size"/> are set.
/// </summary>
public sealed record InboundAttachment
{
    /// <summary>picture, audio, video or file.</summary>
    public required InboundContentKind Kind { get; init; }

    /// <summary>The channel's download handle (DingTalk downloadCode).</summary>
    public required string DownloadCode { get; init; }

    /// <summary>Original file name when the sender's client gave one.</summary>
    public string? FileName { get; init; }

    /// <summary>MIME type once known.</summary>
    public string? ContentType { get; init; }

    /// <summary>Where the bytes were stored, once downloaded.</summary>
    public string? LocalPath { get; init; }

    /// <summary>Size in bytes once downloaded.</summary>
    public long? Size { get; init; }

    /// <summary>Duration in milliseconds for audio and video, when given.</summary>
    public long? DurationMs { get; init; }
}
