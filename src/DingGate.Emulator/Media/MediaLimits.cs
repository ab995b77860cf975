namespace DingGate.Emulator.Media;

/// <summary>
/// The media rules in one place (spec §5.2): upload types with their sizes and formats, and how long download codes
/// stay valid. Sizes follow the current doc (20 MB image/video/file, 2 MB voice); the older global error page says
/// image 1 MB / file 10 MB — change the entries here (tests may too) to emulate that.
/// </summary>
internal sealed class MediaLimits
{
    private const long Megabyte = 1024 * 1024;

    public Dictionary<string, MediaTypeLimit> UploadTypes { get; } = new(StringComparer.Ordinal)
    {
        ["image"] = new(20 * Megabyte, ["jpg", "jpeg", "gif", "png", "bmp"]),
        ["voice"] = new(2 * Megabyte, ["amr", "mp3", "wav"]),
        ["video"] = new(20 * Megabyte, ["mp4"]),
        ["file"] = new(20 * Megabyte, ["doc", "docx", "xls", "xlsx", "ppt", "pptx", "zip", "pdf", "rar"]),
    };

    /// <summary>Validity of message download codes; null = they never expire (upstream: undocumented).</summary>
    public TimeSpan? DownloadCodeLifetime { get; set; }
}
