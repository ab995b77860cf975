using System.Text.Json.Serialization;

namespace DingGate.DingTalk.Api.Models;

/// <summary>Body of <c>POST /v1.0/robot/messageFiles/download</c> (spec §5.1).</summary>
internal sealed record MessageFileDownloadRequest(
    [property: JsonPropertyName("downloadCode")] string DownloadCode,
    [property: JsonPropertyName("robotCode")] string RobotCode);
