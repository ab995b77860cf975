using System.Globalization;
using DingGate.Core.Replies;

namespace DingGate.DingTalk.Replies.Media;

/// <summary>
/// What DingTalk takes, from its two documents (KB <c>0646-upload-media-files</c>: image 20 MB jpg/gif/png/bmp, voice
/// 2 MB amr/mp3/wav, video 20 MB mp4, file 20 MB doc/docx/xls/xlsx/ppt/pptx/zip/pdf/rar; KB
/// <c>0699-robot-message-type</c>: <c>sampleAudio</c> "支持ogg、amr格式", <c>sampleFile</c> fileType "支持xlsx、pdf、zip、rar、doc、docx").
/// <see cref="Check"/> maps an <see cref="OutboundFile"/> to its upload and message and enforces format and size BEFORE
/// any upload:
/// <list type="bullet">
/// <item>Image → upload <c>image</c>, <c>sampleImageMsg</c>.</item>
/// <item>Voice → only <b>amr</b> (the one format both documents allow) is a <c>sampleAudio</c>; mp3/wav/ogg voices
/// are refused with a note saying to convert to amr (ogg cannot be uploaded, mp3/wav cannot be played as voice, and
/// DingTalk's file messages take no audio type).</item>
/// <item>File → xlsx/pdf/zip/rar/doc/docx as they are (<c>sampleFile</c>); xls/ppt/pptx (the upload takes them,
/// sampleFile does not list them) and mp4 (uploadable only as video, which needs a cover for <c>sampleVideo</c>) are
/// packed into <c>&lt;name&gt;.zip</c> and sent as a zip file; anything else is refused naming the file.</item>
/// </list>
/// </summary>
internal static class OutboundMediaLimits
{
    public const long Megabyte = 1024 * 1024;

    public const long ImageMaxBytes = 20 * Megabyte;

    public const long VoiceMaxBytes = 2 * Megabyte;

    public const long FileMaxBytes = 20 * Megabyte;

    public static readonly IReadOnlyList<string> ImageFormats = ["jpg", "jpeg", "gif", "png", "bmp"];

    /// <summary>Voice formats sent as <c>sampleAudio</c>: the upload takes amr/mp3/wav, sampleAudio plays ogg/amr.</summary>
    public static readonly IReadOnlyList<string> VoiceFormats = ["amr"];

    /// <summary>The <c>sampleFile</c> fileTypes DingTalk documents: sent as they are.</summary>
    public static readonly IReadOnlyList<string> DocumentFormats = ["xlsx", "pdf", "zip", "rar", "doc", "docx"];

    /// <summary>Types DingTalk's upload takes but sampleFile does not document: sent packed in a .zip.</summary>
    public static readonly IReadOnlyList<string> ZippedFormats = ["xls", "ppt", "pptx", "mp4"];

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
        var (type, delivery, max, allowed) = Rule(file.Kind, extension, name);
        if (size == 0)
        {
            throw new MediaRejectedException($"File '{name}' cannot be sent: it is empty (0 bytes).");
        }

        if (size > max)
        {
            throw new MediaRejectedException(
                $"File '{name}' cannot be sent: it is {Describe(size)}, over DingTalk's limit of {Describe(max)} for {type} uploads (allowed: {allowed}).");
        }

        if (delivery == MediaDelivery.Audio && (file.Duration ?? TimeSpan.Zero) <= TimeSpan.Zero)
        {
            throw new MediaRejectedException($"Voice file '{name}' cannot be sent: DingTalk needs its duration (none was given).");
        }

        return new CheckedMedia(file, type, extension, size, name, delivery);
    }

    /// <summary>"20 MB", "21.0 MB", "512 bytes".</summary>
    public static string Describe(long bytes) => bytes switch
    {
        < 1024 => bytes.ToString(CultureInfo.InvariantCulture) + " bytes",
        < Megabyte => (bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " KB",
        _ when bytes % Megabyte == 0 => (bytes / Megabyte).ToString(CultureInfo.InvariantCulture) + " MB",
        _ => (bytes / (double)Megabyte).ToString("0.0#", CultureInfo.InvariantCulture) + " MB",
    };

    private static string Files(string extension) => extension.Length == 0 ? "files without an extension" : $"'.{extension}' files";

    private static (string Type, MediaDelivery Delivery, long Max, string Allowed) Rule(OutboundFileKind kind, string extension, string name)
    {
        const string images = "jpg, jpeg, gif, png, bmp up to 20 MB";
        const string voices = "amr up to 2 MB";
        const string files = "xlsx, pdf, zip, rar, doc, docx up to 20 MB; xls, ppt, pptx and mp4 are sent zipped";
        switch (kind)
        {
            case OutboundFileKind.Image when ImageFormats.Contains(extension):
                return ("image", MediaDelivery.Image, ImageMaxBytes, images);
            case OutboundFileKind.Image:
                throw new MediaRejectedException($"File '{name}' cannot be sent as an image: DingTalk does not take {Files(extension)} as images (allowed: {images}).");
            case OutboundFileKind.Voice when VoiceFormats.Contains(extension):
                return ("voice", MediaDelivery.Audio, VoiceMaxBytes, voices);
            case OutboundFileKind.Voice:
                throw new MediaRejectedException(
                    $"Voice file '{name}' cannot be sent: DingTalk plays voice messages only as amr (sampleAudio takes ogg and amr, its upload amr, mp3 and wav), " +
                    $"and its file messages take no audio, so {Files(extension)} cannot be delivered (allowed: {voices}); convert it to .amr.");
            case OutboundFileKind.File when DocumentFormats.Contains(extension):
                return ("file", MediaDelivery.File, FileMaxBytes, files);
            case OutboundFileKind.File when ZippedFormats.Contains(extension):
                return ("file", MediaDelivery.ZippedFile, FileMaxBytes, files);
            default:
                throw new MediaRejectedException(
                    $"File '{name}' cannot be sent as a file: DingTalk does not take {Files(extension)} in file messages (allowed: {files}); pack it into a .zip to send it.");
        }
    }
}
