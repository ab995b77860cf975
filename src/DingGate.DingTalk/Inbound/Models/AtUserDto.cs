using System.Text.Json.Serialization;

namespace DingGate.DingTalk.Inbound.Models;

/// <summary>One entry of <c>atUsers</c> (spec §2.1); <c>staffId</c> is absent for external users and in Stream examples.</summary>
internal sealed class AtUserDto
{
    [JsonPropertyName("dingtalkId")]
    public string? DingtalkId { get; init; }

    [JsonPropertyName("staffId")]
    public string? StaffId { get; init; }

    [JsonPropertyName("unionId")]
    public string? UnionId { get; init; }
}
