using System.Text.Json.Serialization;

namespace DingGate.DingTalk.Api.Models;

/// <summary>groupMessages/send answer (spec §4.3).</summary>
internal sealed record GroupSendResponse([property: JsonPropertyName("processQueryKey")] string? ProcessQueryKey);
