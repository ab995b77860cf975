using System.Text.Json;
using System.Text.Json.Serialization;

namespace DingGate.DingTalk.Api.Models;

/// <summary>Answer of oapi <c>POST /media/upload</c> (spec §5.2): <c>{errcode, errmsg, media_id, created_at, type}</c>.</summary>
internal sealed record MediaUploadResponse(
    [property: JsonPropertyName("errcode")] JsonElement ErrCode,
    [property: JsonPropertyName("errmsg")] string? ErrMsg,
    [property: JsonPropertyName("media_id")] string? MediaId,
    [property: JsonPropertyName("created_at")] long CreatedAt,
    [property: JsonPropertyName("type")] string? Type);
