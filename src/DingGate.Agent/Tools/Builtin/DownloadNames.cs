namespace DingGate.Agent.Tools.Builtin;

// A safe local file name for a download: the URL's last path segment (or "download") with only letters, digits, '-',
// '_' and '.', at most 80 characters, and the extension of its content type (a known one), so a picture is sent as a
// picture whatever the URL looks like.
internal static class DownloadNames
{
    private static readonly Dictionary<string, string> Extensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["image/png"] = ".png",
        ["image/jpeg"] = ".jpg",
        ["image/jpg"] = ".jpg",
        ["image/gif"] = ".gif",
        ["image/bmp"] = ".bmp",
        ["image/webp"] = ".webp",
        ["application/pdf"] = ".pdf",
        ["application/zip"] = ".zip",
        ["application/x-zip-compressed"] = ".zip",
        ["application/vnd.rar"] = ".rar",
        ["application/x-rar-compressed"] = ".rar",
        ["application/msword"] = ".doc",
        ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"] = ".docx",
        ["application/vnd.ms-excel"] = ".xls",
        ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"] = ".xlsx",
        ["application/vnd.ms-powerpoint"] = ".ppt",
        ["application/vnd.openxmlformats-officedocument.presentationml.presentation"] = ".pptx",
        ["audio/amr"] = ".amr",
        ["video/mp4"] = ".mp4",
        ["text/plain"] = ".txt",
        ["text/csv"] = ".csv",
    };

    public static string For(Uri url, string? mediaType)
    {
        ArgumentNullException.ThrowIfNull(url);
        var segment = Uri.UnescapeDataString(url.Segments.Length > 0 ? url.Segments[^1] : string.Empty).Trim('/');
        var safe = new string([.. segment.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_')]).Trim('.', '_');
        var extension = mediaType is not null && Extensions.TryGetValue(mediaType, out var known) ? known : null;
        var stem = Path.GetFileNameWithoutExtension(safe);
        var own = Path.GetExtension(safe);
        if (stem.Length == 0)
        {
            stem = "download";
        }

        if (stem.Length > 80)
        {
            stem = stem[..80];
        }

        // The content type decides; .jpeg stays .jpeg for a JPEG.
        var chosen = extension is null ? (own.Length is > 1 and <= 10 ? own : string.Empty)
            : own.Equals(extension, StringComparison.OrdinalIgnoreCase) || (extension == ".jpg" && own.Equals(".jpeg", StringComparison.OrdinalIgnoreCase)) ? own
            : extension;
        return stem + chosen.ToLowerInvariant();
    }
}
