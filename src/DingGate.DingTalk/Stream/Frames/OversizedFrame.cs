namespace DingGate.DingTalk.Stream.Frames;

/// <summary>What <see cref="OversizedFrameProbe"/> could read of a frame over the size limit: its type and string headers.</summary>
internal sealed record OversizedFrame(string? Type, IReadOnlyDictionary<string, string> Headers)
{
    public string? Topic => Headers.GetValueOrDefault(StreamHeaders.Topic);

    public string? MessageId => Headers.GetValueOrDefault(StreamHeaders.MessageId) is { Length: > 0 } id ? id : null;

    public string? EventId => Headers.GetValueOrDefault(StreamHeaders.EventId) is { Length: > 0 } id ? id : null;
}
