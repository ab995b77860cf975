namespace DingGate.Emulator.Stream;

/// <summary>
/// What a push sends, fixed at push time: frame type, topic, messageId, time, headers and data. CALLBACK frames add
/// <c>appId</c> and the receiving connection's <c>connectionId</c>; everything else is identical on every attempt.
/// </summary>
internal sealed class StreamPushDefinition
{
    private readonly int _maxBytes;

    public StreamPushDefinition(
        string clientId, string appId, StreamPushKind kind, string topic, string data, string messageId, DateTimeOffset createdAt,
        IReadOnlyList<KeyValuePair<string, string>> headers, int maxBytes)
    {
        ClientId = clientId;
        AppId = appId;
        Kind = kind;
        Type = kind == StreamPushKind.Event ? ServerFrame.Event : ServerFrame.Callback;
        Topic = topic;
        Data = data;
        MessageId = messageId;
        CreatedAt = createdAt;
        Headers = headers;
        _maxBytes = maxBytes;

        // Fail at push time, not in a timer, when the frame cannot be sent at all.
        _ = FrameFor(Guid.Empty.ToString("D"));
    }

    public string ClientId { get; }

    public string AppId { get; }

    public StreamPushKind Kind { get; }

    /// <summary><c>EVENT</c> or <c>CALLBACK</c>.</summary>
    public string Type { get; }

    public string Topic { get; }

    public string Data { get; }

    public string MessageId { get; }

    public DateTimeOffset CreatedAt { get; }

    /// <summary>Headers after the four common ones (the EVENT headers, or extras given by the caller).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    public string? Header(string name) => Headers.FirstOrDefault(h => h.Key == name).Value;

    public string FrameFor(string connectionId)
    {
        IEnumerable<KeyValuePair<string, string>> headers = Headers;
        if (Type == ServerFrame.Callback)
        {
            headers = headers.Concat([new("appId", AppId), new("connectionId", connectionId)]);
        }

        return ServerFrame.Build(Type, Topic, MessageId, CreatedAt, Data, headers, _maxBytes);
    }
}
