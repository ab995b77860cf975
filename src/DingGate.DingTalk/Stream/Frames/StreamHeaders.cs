namespace DingGate.DingTalk.Stream.Frames;

/// <summary>Header names and well-known values of Stream frames (spec §1.4, §1.11).</summary>
internal static class StreamHeaders
{
    public const string Topic = "topic";
    public const string MessageId = "messageId";
    public const string ContentType = "contentType";
    public const string EventId = "eventId";
    public const string JsonContentType = "application/json";

    public const string TypeSystem = "SYSTEM";
    public const string TypeEvent = "EVENT";
    public const string TypeCallback = "CALLBACK";

    public const string PingTopic = "ping";
    public const string DisconnectTopic = "disconnect";
    public const string BotMessageTopic = "/v1.0/im/bot/messages/get";
    public const string CardCallbackTopic = "/v1.0/card/instances/callback";
    public const string AllEventsTopic = "*";
}
