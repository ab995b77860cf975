namespace DingGate.Core.Configuration;

/// <summary>
/// <c>attachments</c>: limits on reading the text of files users send (PDF, DOCX, text). Unset keys take the defaults
/// (docs/configuration.md); a file over a limit becomes a short note to the model naming the file and the limit.
/// </summary>
public sealed class AttachmentSettings
{
    /// <summary>Files larger than this are not read (bytes; default 20 MiB).</summary>
    public long? MaxFileBytes { get; set; }

    /// <summary>Characters kept from one file (default 20 000).</summary>
    public int? MaxCharsPerFile { get; set; }

    /// <summary>Characters kept from all files of one message (default 60 000).</summary>
    public int? MaxTotalChars { get; set; }

    /// <summary>Bytes decompressed from one file: DOCX parts, PDF streams (default 32 MiB).</summary>
    public long? MaxDecompressedBytes { get; set; }

    /// <summary>Entries in one DOCX (zip) file (default 1 000).</summary>
    public int? MaxParts { get; set; }

    /// <summary>PDF pages read from one file (default 500).</summary>
    public int? MaxPages { get; set; }

    /// <summary>Wall-clock budget for reading one file, in ms (default 20 000).</summary>
    public int? TimeoutMs { get; set; }
}
