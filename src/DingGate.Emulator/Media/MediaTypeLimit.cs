namespace DingGate.Emulator.Media;

/// <summary>Upload rule for one media <c>type</c>: largest size and the accepted file extensions (lower case, no dot).</summary>
internal sealed record MediaTypeLimit(long MaxBytes, IReadOnlyList<string> Extensions);
