using System.Text.Json;

namespace DingGate.DingTalk.Stream.Frames;

/// <summary>Builds the upstream ACK frames of spec §1.5 as JSON text.</summary>
internal static class AckFrames
{
    public const string NullResponse = "{\"response\":null}";
    public const string EmptyCardResponse = "{\"response\":{}}";

    /// <summary>CALLBACK ACK (§1.5.1); <paramref name="responseJson"/> is the JSON value wrapped in <c>response</c>.</summary>
    public static string Callback(string messageId, string responseJson = "null") =>
        Serialize(Create(messageId, responseJson == "null" ? NullResponse : "{\"response\":" + responseJson + "}"));

    /// <summary>EVENT ACK (§1.5.3): SUCCESS = consumed, LATER = please redeliver.</summary>
    public static string Event(string messageId, bool success, string? message = null)
    {
        var data = new EventAckData { Status = success ? "SUCCESS" : "LATER", Message = message ?? (success ? "success" : "later") };
        return Serialize(Create(messageId, JsonSerializer.Serialize(data, StreamJsonContext.Wire.EventAckData)));
    }

    /// <summary>
    /// ACK of a push that was received but cannot be processed and must not be redelivered (it would fail the same way,
    /// e.g. a frame over the size limit): <c>code</c> 200 (any other code or an EVENT <c>LATER</c> asks for a redelivery,
    /// §1.5.3), the reason in <c>message</c> (free text, §1.5) and, for an EVENT, in <c>data.message</c>.
    /// </summary>
    public static string Refused(string messageId, string? type, string reason)
    {
        var data = type == StreamHeaders.TypeEvent
            ? JsonSerializer.Serialize(new EventAckData { Status = "SUCCESS", Message = reason }, StreamJsonContext.Wire.EventAckData)
            : NullResponse;
        var frame = Create(messageId, data);
        frame.Message = reason;
        return Serialize(frame);
    }

    /// <summary>SYSTEM ACK (§1.5.2 pong, §1.5.4 disconnect): echoes the frame's data.</summary>
    public static string System(string messageId, string? data) => Serialize(Create(messageId, data ?? string.Empty));

    /// <summary>Reads an ACK frame back (tests and diagnostics); null when it is not one.</summary>
    public static AckFrame? TryParse(string text)
    {
        try
        {
            return JsonSerializer.Deserialize(text, StreamJsonContext.Default.AckFrame);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or NotSupportedException or InvalidOperationException)
        {
            return null;
        }
    }

    private static AckFrame Create(string messageId, string data) => new()
    {
        Code = 200,
        Headers = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [StreamHeaders.ContentType] = StreamHeaders.JsonContentType,
            [StreamHeaders.MessageId] = messageId,
        },
        Message = "OK",
        Data = data,
    };

    private static string Serialize(AckFrame frame) => JsonSerializer.Serialize(frame, StreamJsonContext.Wire.AckFrame);
}
