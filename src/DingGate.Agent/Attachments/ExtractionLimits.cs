namespace DingGate.Agent.Attachments;

/// <summary>Caps on attachment text extraction.</summary>
public sealed class ExtractionLimits
{
    /// <summary>Files larger than this are not read (default 20 MB).</summary>
    public long MaxFileBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>Most characters kept from one file (default 20 000); more is cut with a truncation marker.</summary>
    public int MaxCharsPerFile { get; set; } = 20_000;

    /// <summary>Most characters kept from all files of one message (default 60 000).</summary>
    public int MaxTotalChars { get; set; } = 60_000;
}
