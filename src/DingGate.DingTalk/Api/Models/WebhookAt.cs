using System.Text.Json.Serialization;

namespace DingGate.DingTalk.Api.Models;

/// <summary>The <c>at</c> part of a webhook message (who is @-mentioned).</summary>
internal sealed record WebhookAt(
    [property: JsonPropertyName("atUserIds")] IReadOnlyList<string> AtUserIds,
    [property: JsonPropertyName("isAtAll")] bool IsAtAll = false);
