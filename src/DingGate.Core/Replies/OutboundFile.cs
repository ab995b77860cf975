namespace DingGate.Core.Replies;

/// <summary>A local file to send to a chat.</summary>
public sealed record OutboundFile
{
    /// <summary>Path of the file on this machine.</summary>
    public required string Path { get; init; }

    /// <summary>Image, voice or any other file.</summary>
    public required OutboundFileKind Kind { get; init; }

    /// <summary>Name shown to users (default: the file name of <see cref="Path"/>).</summary>
    public string? FileName { get; init; }

    /// <summary>Length of a voice message (DingTalk needs it).</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>The kind guessed from the extension: image for jpg/jpeg/png/gif/bmp, voice for amr/mp3/wav/ogg, else file.</summary>
    public static OutboundFile FromPath(string path, TimeSpan? duration = null)
    {
        var extension = System.IO.Path.GetExtension(path).TrimStart('.').ToUpperInvariant();
        var kind = extension switch
        {
            "JPG" or "JPEG" or "PNG" or "GIF" or "BMP" => OutboundFileKind.Image,
            "AMR" or "MP3" or "WAV" or "OGG" => OutboundFileKind.Voice,
            _ => OutboundFileKind.File,
        };
        return new OutboundFile { Path = path, Kind = kind, Duration = duration };
    }
}
