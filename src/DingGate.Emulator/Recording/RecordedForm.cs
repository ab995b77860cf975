namespace DingGate.Emulator.Recording;

/// <summary>
/// How the emulator read a <c>/media/upload</c> body (strict multipart reader): whether it was multipart at all, the
/// boundary quoting, the parts, the <c>type</c> of the query and of the form, and the reader's error when the body was
/// not well-formed. Recorded with the call so tests can assert on the exact form DingGate sent.
/// </summary>
internal sealed record RecordedForm(
    bool Multipart,
    bool BoundaryQuoted,
    string? QueryType,
    string? FormType,
    IReadOnlyList<RecordedFormPart> Parts,
    string? Error)
{
    /// <summary>The first part with this name (quoted or not), or null.</summary>
    public RecordedFormPart? Part(string name) => Parts.FirstOrDefault(p => p.Name == name);
}
