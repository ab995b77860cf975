namespace DingGate.Emulator.Stream;

/// <summary>
/// A frame to push to one connection of an app. <paramref name="Data"/> is the business payload already serialised to
/// JSON; the hub encodes it once more as the frame's string <c>data</c>. <paramref name="ExtraHeaders"/> adds headers
/// such as the EVENT ones (<c>eventType</c>, <c>eventId</c>…).
/// </summary>
internal sealed record StreamPushRequest(
    StreamPushKind Kind,
    string Topic,
    string Data,
    IReadOnlyDictionary<string, string>? ExtraHeaders = null);
