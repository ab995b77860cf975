using System.Text.Json.Serialization;

namespace DingGate.DingTalk.Api.Models;

/// <summary>Session-webhook text body <c>{"msgtype":"text","text":{"content"},"at":{…}}</c> (spec §4.1).</summary>
internal sealed record WebhookTextMessage(
    [property: JsonPropertyName("text")] WebhookText Text,
    [property: JsonPropertyName("at"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] WebhookAt? At = null)
{
    [JsonPropertyName("msgtype")]
    public string MsgType => "text";
}
