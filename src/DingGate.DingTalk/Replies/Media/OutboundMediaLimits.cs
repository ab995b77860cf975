using System.Globalization;
using DingGate.Core.Replies;

namespace DingGate.DingTalk.Replies.Media;

/// <summary>
/// DingTalk's upload limits (spec §5.2, current doc): image 20 MB jpg/gif/png/bmp (jpeg accepted as jpg), voice 2 MB
/// amr/mp3/wav, video 20 MB mp4, file 20 MB doc/docx/xls/xlsx/ppt/pptx/zip/pdf/rar. <see cref="Check"/> maps an
/// <see cref="OutboundFile"/> to its upload type and enforces format and size BEFORE any upload.
/// <para>
/// Kind → upload type: Image → image, Voice → voice, File → file; a <b>.mp4 sent as File is uploaded as type video</b>
/// (DingTalk's file type refuses mp4) and then sent as a <c>sampleFile</c> message with that media id, so users get
/// a downloadable video without the cover image and duration <c>sampleVideo</c> would need (GUESS: that DingTalk
/// accepts a video media id in sampleFile is not documented).
/// </para>
/// </summary>
internal static class OutboundMediaLimits
{
    public const long Megabyte = 1024 * 1024;

    public const long ImageMaxBytes = 20 * Megabyte;

    public const long VoiceMaxBytes = 2 * Megabyte;

    public const long VideoMaxBytes = 20 * Megabyte;

    public const long FileMaxBytes = 20 * Megabyte;

    public static readonly IReadOnlyList<string> ImageFormats = ["jpg", "jpeg", "gif", "png", "bmp"];

    public static readonly IReadOnlyList<string> VoiceFormats = ["amr", "mp3", "wav"];

    public static readonly IReadOnlyList<string> VideoFormats = ["mp4"];

    public static readonly IReadOnlyList<string> DocumentFormats = ["doc", "docx", "xls", "xlsx", "ppt", "pptx", "zip", "pdf", "rar"];

    /// <summary>Checks <paramref name="file"/> on disk; throws <see cref="MediaRejectedException"/> naming it when it cannot be sent.</summary>
    public static CheckedMedia Check(OutboundFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var name = file.FileName ?? Path.GetFileName(file.Path);
        long size;
        try
        {
            var info = new FileInfo(file.Path);
            if (!info.Exists)
            {
                throw new MediaRejectedException($"File '{name}' cannot be sent: '{file.Path}' does not exist.");
            }

            size = info.Length;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new MediaRejectedException($"File '{name}' cannot be sent: '{file.Path}' cannot be read ({ex.Message}).", ex);
        }

        var extension = Path.GetExtension(file.Path).TrimStart('.').ToLowerInvariant();
        var (type, formats, max, allowed) = Rule(file.Kind, extension);
        if (!formats.Contains(extension, StringComparer.Ordinal))
        {
            throw new MediaRejectedException(
                $"File '{name}' cannot be sent as {KindName(file.Kind)}: DingTalk does not take '.{extension}' files (allowed: {allowed}).");
        }

        if (size == 0)
        {
            throw new MediaRejectedException($"File '{name}' cannot be sent: it is empty (0 bytes).");
        }

        if (size > max)
        {
            throw new MediaRejectedException(
                $"File '{name}' cannot be sent: it is {Describe(size)}, over DingTalk's limit of {Describe(max)} for {type} uploads (allowed: {allowed}).");
        }

        if (file.Kind == OutboundFileKind.Voice && (file.Duration ?? TimeSpan.Zero) <= TimeSpan.Zero)
        {
            throw new MediaRejectedException($"Voice file '{name}' cannot be sent: DingTalk needs its duration (none was given).");
        }

        return new CheckedMedia(file, type, extension, size, name);
    }

    /// <summary>"20 MB", "21.0 MB", "512 bytes".</summary>
    public static string Describe(long bytes) => bytes switch
    {
        < 1024 => bytes.ToString(CultureInfo.InvariantCulture) + " bytes",
        < Megabyte => (bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " KB",
        _ when bytes % Megabyte == 0 => (bytes / Megabyte).ToString(CultureInfo.InvariantCulture) + " MB",
        _ => (bytes / (double)Megabyte).ToString("0.0#", CultureInfo.InvariantCulture) + " MB",
    };

    private static (string Type, IReadOnlyList<string> Formats, long Max, string Allowed) Rule(OutboundFileKind kind, string extension) => kind switch
    {
        OutboundFileKind.Image => ("image", ImageFormats, ImageMaxBytes, "jpg, jpeg, gif, png, bmp up to 20 MB"),
        OutboundFileKind.Voice => ("voice", VoiceFormats, VoiceMaxBytes, "amr, mp3, wav up to 2 MB"),
        _ when extension == "mp4" => ("video", VideoFormats, VideoMaxBytes, "mp4 up to 20 MB"),
        _ => ("file", DocumentFormats, FileMaxBytes, string.Join(", ", DocumentFormats) + " up to 20 MB, or mp4 up to 20 MB"),
    };

    private static string KindName(OutboundFileKind kind) => kind switch
    {
        OutboundFileKind.Image => "an image",
        OutboundFileKind.Voice => "a voice message",
        _ => "a file",
    };
}
