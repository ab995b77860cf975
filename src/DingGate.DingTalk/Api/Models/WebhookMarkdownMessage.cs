using System.Text.Json.Serialization;

namespace DingGate.DingTalk.Api.Models;

/// <summary>Session-webhook markdown body <c>{"msgtype":"markdown","markdown":{"title","text"},"at":{…}}</c> (spec §4.1).</summary>
internal sealed record WebhookMarkdownMessage(
    [property: JsonPropertyName("markdown")] WebhookMarkdown Markdown,
    [property: JsonPropertyName("at"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] WebhookAt? At = null)
{
    [JsonPropertyName("msgtype")]
    public string MsgType => "markdown";
}
