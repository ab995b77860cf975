using System.Text.Json.Serialization;

namespace DingGate.DingTalk.Api.Models;

/// <summary><c>POST /v1.0/robot/groupMessages/send</c> body (spec §4.3); <c>msgParam</c> is a JSON string (≤ 15 000 bytes).</summary>
internal sealed record GroupSendRequest(
    [property: JsonPropertyName("robotCode")] string RobotCode,
    [property: JsonPropertyName("openConversationId")] string OpenConversationId,
    [property: JsonPropertyName("msgKey")] string MsgKey,
    [property: JsonPropertyName("msgParam")] string MsgParam);
