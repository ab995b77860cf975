using System.Text.Json.Serialization;

namespace DingGate.DingTalk.Api.Models;

/// <summary>New-style error envelope <c>{code, message, requestid}</c> (spec §0.4); <c>requestId</c> also accepted.</summary>
internal sealed record ApiErrorBody(
    [property: JsonPropertyName("code")] string? Code,
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("requestid")] string? RequestIdLower,
    [property: JsonPropertyName("requestId")] string? RequestIdCamel);
