namespace DingGate.Emulator.Media;

/// <summary>
/// One part of a <c>multipart/form-data</c> body as the strict reader saw it. <see cref="Name"/> and
/// <see cref="FileName"/> are the plain <c>name</c>/<c>filename</c> parameters (UTF-8, unescaped as written);
/// <see cref="HasFileNameStar"/> tells that an RFC 5987 <c>filename*</c> was present (it is never read).
/// </summary>
internal sealed record MultipartPart(
    string? Name,
    bool NameQuoted,
    string? FileName,
    bool FileNameQuoted,
    bool HasFileNameStar,
    string? ContentType,
    byte[] Body)
{
    /// <summary>True when the part's name is the quoted-string <paramref name="name"/>, the only form the reader matches.</summary>
    public bool IsNamed(string name) => NameQuoted && string.Equals(Name, name, StringComparison.Ordinal);

    /// <summary>A file part: it carries a non-empty quoted plain <c>filename</c>.</summary>
    public bool IsFile => FileNameQuoted && !string.IsNullOrEmpty(FileName);
}
