using System.Text.Json.Serialization;

namespace DingGate.DingTalk.Api.Models;

/// <summary><c>POST /v1.0/robot/oToMessages/batchSend</c> body (spec §4.2); <c>msgParam</c> is a JSON string.</summary>
internal sealed record OtoBatchSendRequest(
    [property: JsonPropertyName("robotCode")] string RobotCode,
    [property: JsonPropertyName("userIds")] IReadOnlyList<string> UserIds,
    [property: JsonPropertyName("msgKey")] string MsgKey,
    [property: JsonPropertyName("msgParam")] string MsgParam);
