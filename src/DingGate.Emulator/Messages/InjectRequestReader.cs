using System.Text.Json.Nodes;
using DingGate.Emulator.Http;

namespace DingGate.Emulator.Messages;

/// <summary>Reads the JSON body of <c>POST /_emulator/messages</c> into an <see cref="InjectRequest"/>, naming what is wrong.</summary>
internal static class InjectRequestReader
{
    public static (InjectRequest? Request, string? Error) Read(JsonObject? body)
    {
        if (body is null)
        {
            return (null, "A JSON object body is required, e.g. {\"from\":\"user001\",\"conversation\":\"dm\",\"msgtype\":\"text\",\"text\":\"你好\"}.");
        }

        var from = body.GetString("from");
        if (string.IsNullOrWhiteSpace(from))
        {
            return (null, "'from' (the sending user's id) is required.");
        }

        byte[]? bytes = null;
        var file = body["file"] as JsonObject;
        if (file?.GetString("contentBase64") is { } base64)
        {
            try
            {
                bytes = Convert.FromBase64String(base64);
            }
            catch (FormatException)
            {
                return (null, "'file.contentBase64' is not valid base64.");
            }
        }

        long? duration = body["duration"] is JsonValue d && d.TryGetValue<long>(out var ms) ? ms : null;
        var request = new InjectRequest
        {
            ClientId = body.GetString("clientId"), From = from, Conversation = body.GetString("conversation") ?? "dm",
            MsgType = body.GetString("msgtype") ?? body.GetString("msgType") ?? "text", Text = body.GetString("text"),
            AtBot = body.GetBool("atBot") ?? true,
            AtUsers = (body["atUsers"] as JsonArray)?.Select(u => u?.GetValueKind() == System.Text.Json.JsonValueKind.String ? u.GetValue<string>() : null).OfType<string>().ToList() ?? [],
            Quote = body["quote"] as JsonObject, RichText = body["richText"] as JsonArray, Records = body["records"] as JsonArray,
            File = file is null ? null : new InjectAttachment(file.GetString("name"), bytes, file.GetString("contentType")),
            Recognition = body.GetString("recognition"), DurationMs = duration, DurationAsString = body.GetBool("durationAsString") ?? false,
            QuotaExhausted = body.GetBool("quotaExhausted") ?? false, Platform = body.GetString("platform") ?? "Mac",
        };
        return (request, null);
    }
}
