using System.Collections.Frozen;

namespace DingGate.DingTalk.Api;

/// <summary>
/// Turns a name from a message or a Content-Disposition header into a plain file name: no directories, no "..",
/// no leading dots, no control or reserved characters, bounded length.
/// </summary>
internal static class SafeFileName
{
    private const int MaxLength = 120;
    private static readonly char[] Invalid = [.. Path.GetInvalidFileNameChars(), '/', '\\', ':', '*', '?', '"', '<', '>', '|'];

    private static readonly FrozenDictionary<string, string> Extensions = new Dictionary<string, string>
    {
        ["image/png"] = ".png", ["image/jpeg"] = ".jpg", ["image/gif"] = ".gif", ["image/webp"] = ".webp", ["image/bmp"] = ".bmp",
        ["application/pdf"] = ".pdf", ["audio/amr"] = ".amr", ["audio/mpeg"] = ".mp3", ["audio/ogg"] = ".ogg", ["video/mp4"] = ".mp4",
        ["text/plain"] = ".txt", ["application/zip"] = ".zip",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>A safe name from the candidates (first usable wins), with an extension from the content type when it has none.</summary>
    public static string Choose(string? contentType, params string?[] candidates)
    {
        var name = candidates.Select(Clean).FirstOrDefault(n => n.Length > 0) ?? "media";
        var extension = contentType is not null && Extensions.TryGetValue(contentType, out var e) ? e : null;
        if (extension is not null && (!Path.HasExtension(name) || name.EndsWith(".file", StringComparison.OrdinalIgnoreCase)))
        {
            name = Path.GetFileNameWithoutExtension(name) + extension;
        }

        return name;
    }

    /// <summary>The last path segment without dangerous characters; empty when nothing usable is left.</summary>
    public static string Clean(string? candidate)
    {
        if (string.IsNullOrWhiteSpace(candidate))
        {
            return string.Empty;
        }

        var last = candidate.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? string.Empty;
        var chars = last.Select(c => char.IsControl(c) || Invalid.Contains(c) ? '_' : c).ToArray();
        var name = new string(chars).Trim().TrimStart('.').Trim();
        if (name is ".." or ".")
        {
            return string.Empty;
        }

        if (name.Length > MaxLength)
        {
            var ext = Path.GetExtension(name);
            name = ext.Length is > 0 and <= 16 ? name[..(MaxLength - ext.Length)] + ext : name[..MaxLength];
        }

        return name;
    }
}
