using DingGate.Core.Configuration;

namespace DingGate.Agent.Attachments;

/// <summary>
/// Caps on attachment text extraction: what is read (file size, decompressed bytes, zip parts, PDF pages), what is kept
/// (characters) and how long one file may take. Configured by the <c>attachments</c> section (docs/configuration.md).
/// </summary>
public sealed class ExtractionLimits
{
    /// <summary>Files larger than this are not read (default 20 MB).</summary>
    public long MaxFileBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>Most characters kept from one file (default 20 000); more is cut with a truncation marker.</summary>
    public int MaxCharsPerFile { get; set; } = 20_000;

    /// <summary>Most characters kept from all files of one message (default 60 000).</summary>
    public int MaxTotalChars { get; set; } = 60_000;

    /// <summary>
    /// Most bytes decompressed from one file (default 32 MB): DOCX zip parts read, PDF streams decoded. Reading stops
    /// there and the file becomes a note; a bomb costs this much work at most, never its inflated size.
    /// </summary>
    public long MaxDecompressedBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>Most entries in a DOCX (zip) file (default 1 000); more and the file is not opened.</summary>
    public int MaxParts { get; set; } = 1_000;

    /// <summary>
    /// Most pages a PDF may have (default 2 000); a PDF with more is not read (its page tree alone would cost
    /// kilobytes per page). Reading stops earlier at the character cap.
    /// </summary>
    public int MaxPages { get; set; } = 2_000;

    /// <summary>Wall-clock budget for one file (default 20 s); a file taking longer becomes a note.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>The limits <paramref name="settings"/> (the <c>attachments</c> section) set, the defaults elsewhere.</summary>
    public static ExtractionLimits From(AttachmentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var limits = new ExtractionLimits();
        limits.MaxFileBytes = settings.MaxFileBytes ?? limits.MaxFileBytes;
        limits.MaxCharsPerFile = settings.MaxCharsPerFile ?? limits.MaxCharsPerFile;
        limits.MaxTotalChars = settings.MaxTotalChars ?? limits.MaxTotalChars;
        limits.MaxDecompressedBytes = settings.MaxDecompressedBytes ?? limits.MaxDecompressedBytes;
        limits.MaxParts = settings.MaxParts ?? limits.MaxParts;
        limits.MaxPages = settings.MaxPages ?? limits.MaxPages;
        limits.Timeout = settings.TimeoutMs is { } ms ? TimeSpan.FromMilliseconds(ms) : limits.Timeout;
        return limits;
    }
}
