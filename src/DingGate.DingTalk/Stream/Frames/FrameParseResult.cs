namespace DingGate.DingTalk.Stream.Frames;

/// <summary>Outcome of parsing one text frame: the frame, or why it was rejected (malformed input is a value, not an exception).</summary>
internal readonly record struct FrameParseResult(StreamFrame? Frame, string? Error)
{
    public bool IsSuccess => Frame is not null;

    public static FrameParseResult Ok(StreamFrame frame) => new(frame, null);

    public static FrameParseResult Fail(string error) => new(null, error);
}
