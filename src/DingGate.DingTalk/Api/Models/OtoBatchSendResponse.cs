using System.Text.Json.Serialization;

namespace DingGate.DingTalk.Api.Models;

/// <summary>batchSend answer: the send's key and the users it could not reach (spec §4.2).</summary>
internal sealed record OtoBatchSendResponse(
    [property: JsonPropertyName("processQueryKey")] string? ProcessQueryKey,
    [property: JsonPropertyName("invalidStaffIdList")] IReadOnlyList<string>? InvalidStaffIdList,
    [property: JsonPropertyName("flowControlledStaffIdList")] IReadOnlyList<string>? FlowControlledStaffIdList);
