namespace DingGate.Core.Configuration.Loading;

/// <summary>
/// Checks <c>attachments</c>: every limit positive, and none so small that an ordinary file could not be read (a DOCX
/// has at least 3 parts; a decompression budget under 64 KiB or a deadline under 100 ms would refuse real documents).
/// </summary>
internal static class AttachmentsValidator
{
    private const string At = "attachments";

    public static void Validate(AttachmentSettings a, ConfigErrorList errors)
    {
        errors.AtLeast(a.MaxFileBytes, 1, ConfigPath.Child(At, "maxFileBytes"));
        errors.AtLeast(a.MaxCharsPerFile, 1, ConfigPath.Child(At, "maxCharsPerFile"));
        errors.AtLeast(a.MaxTotalChars, 1, ConfigPath.Child(At, "maxTotalChars"));
        errors.AtLeast(a.MaxDecompressedBytes, 64 * 1024, ConfigPath.Child(At, "maxDecompressedBytes"), "(a smaller budget refuses ordinary documents)");
        errors.AtLeast(a.MaxParts, 3, ConfigPath.Child(At, "maxParts"), "(a DOCX has at least 3 parts)");
        errors.AtLeast(a.MaxPages, 1, ConfigPath.Child(At, "maxPages"));
        errors.AtLeast(a.TimeoutMs, 100, ConfigPath.Child(At, "timeoutMs"));
    }
}
