namespace DingGate.Emulator.Media;

/// <summary>
/// A file the emulator holds: either attached to an injected user message (then it has a <see cref="DownloadCode"/>,
/// and pictures a <see cref="PictureDownloadCode"/>) or uploaded through <c>/media/upload</c> (then it has a <see cref="MediaId"/>).
/// </summary>
internal sealed record StoredMedia
{
    public required string Id { get; init; }

    /// <summary><c>message</c> (sent by a user to the bot) or <c>upload</c> (uploaded by the bot's app).</summary>
    public required string Source { get; init; }

    /// <summary>Robot the download code belongs to (message files) or that uploaded it (uploads).</summary>
    public required string RobotCode { get; init; }

    /// <summary>Media type: picture/audio/video/file for message files, image/voice/video/file for uploads.</summary>
    public required string Type { get; init; }

    public required string FileName { get; init; }

    public required string ContentType { get; init; }

    public required byte[] Bytes { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public string? DownloadCode { get; init; }

    public string? PictureDownloadCode { get; init; }

    public string? MediaId { get; init; }
}
