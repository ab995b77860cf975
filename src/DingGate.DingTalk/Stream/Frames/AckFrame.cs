namespace DingGate.DingTalk.Stream.Frames;

/// <summary>An upstream ACK/response frame (spec §1.5): <c>data</c> is a JSON-encoded string.</summary>
internal sealed class AckFrame
{
    public int Code { get; set; }

    public Dictionary<string, string> Headers { get; set; } = new(StringComparer.Ordinal);

    public string Message { get; set; } = string.Empty;

    public string Data { get; set; } = string.Empty;
}
