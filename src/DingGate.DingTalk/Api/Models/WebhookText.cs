using System.Text.Json.Serialization;

namespace DingGate.DingTalk.Api.Models;

/// <summary>The <c>text</c> part of a webhook text message.</summary>
internal sealed record WebhookText([property: JsonPropertyName("content")] string Content);
