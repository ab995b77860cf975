namespace DingGate.Emulator.Recording;

/// <summary>
/// One HTTP exchange as the emulator saw it. Bodies are text (binary bodies are summarised by size); a multipart upload
/// also carries the <see cref="RecordedForm"/> the endpoint read.
/// </summary>
internal sealed record RecordedHttpCall(
    long Sequence,
    DateTimeOffset At,
    string Method,
    string Path,
    string Query,
    IReadOnlyDictionary<string, string> RequestHeaders,
    string RequestBody,
    int Status,
    string ResponseBody,
    string? ClientId,
    RecordedForm? Form = null);
