using System.Text.Json.Serialization;

namespace DingGate.DingTalk.Api.Models;

/// <summary>
/// batchSend answer: the send's key and the users it did not reach (spec §4.2; <c>filteredStaffIdList</c> is in the
/// official model <c>alibabacloud-go/dingtalk robot_1_0.BatchSendOTOResponseBody</c>, not in the KB page).
/// </summary>
internal sealed record OtoBatchSendResponse(
    [property: JsonPropertyName("processQueryKey")] string? ProcessQueryKey,
    [property: JsonPropertyName("invalidStaffIdList")] IReadOnlyList<string>? InvalidStaffIdList,
    [property: JsonPropertyName("flowControlledStaffIdList")] IReadOnlyList<string>? FlowControlledStaffIdList,
    [property: JsonPropertyName("filteredStaffIdList")] IReadOnlyList<string>? FilteredStaffIdList = null);
