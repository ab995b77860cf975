namespace DingGate.DingTalk.Stream.Frames;

/// <summary>
/// A parsed downstream frame (spec §1.4): <c>type</c> SYSTEM/EVENT/CALLBACK, string headers (unknown ones kept) and the
/// business payload <c>data</c> as the JSON string it was sent as (null when absent).
/// </summary>
internal sealed record StreamFrame(string? SpecVersion, string Type, IReadOnlyDictionary<string, string> Headers, string? Data)
{
    public string? Topic => Header(StreamHeaders.Topic);

    public string? MessageId => Header(StreamHeaders.MessageId);

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
