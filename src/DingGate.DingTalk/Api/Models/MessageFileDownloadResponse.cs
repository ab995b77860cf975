using System.Text.Json.Serialization;

namespace DingGate.DingTalk.Api.Models;

/// <summary>Answer of <c>POST /v1.0/robot/messageFiles/download</c>: a temporary signed URL.</summary>
internal sealed record MessageFileDownloadResponse([property: JsonPropertyName("downloadUrl")] string? DownloadUrl);
