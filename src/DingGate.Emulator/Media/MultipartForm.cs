namespace DingGate.Emulator.Media;

/// <summary>A parsed <c>multipart/form-data</c> body: its boundary (and whether the header quoted it) and its parts in order.</summary>
internal sealed record MultipartForm(string Boundary, bool BoundaryQuoted, IReadOnlyList<MultipartPart> Parts)
{
    /// <summary>The first part named <paramref name="name"/> (quoted) that is not a file.</summary>
    public MultipartPart? Field(string name) => Parts.FirstOrDefault(p => p.IsNamed(name) && p.FileName is null);

    /// <summary>The first part named <paramref name="name"/> (quoted), file or not.</summary>
    public MultipartPart? Part(string name) => Parts.FirstOrDefault(p => p.IsNamed(name));
}
