using System.Text.Json.Serialization;

namespace DingGate.DingTalk.Api.Models;

/// <summary>The <c>markdown</c> part of a webhook message.</summary>
internal sealed record WebhookMarkdown(
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("text")] string Text);
