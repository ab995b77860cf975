namespace DingGate.Emulator.Recording;

/// <summary>
/// One part of a recorded multipart upload: its <c>name</c> and <c>filename</c> as written (and whether each was a
/// quoted-string), whether a <c>filename*</c> was present, its Content-Type and size; the value of small non-file parts.
/// </summary>
internal sealed record RecordedFormPart(
    string? Name,
    bool NameQuoted,
    string? FileName,
    bool FileNameQuoted,
    bool HasFileNameStar,
    string? ContentType,
    int Size,
    string? Value);
