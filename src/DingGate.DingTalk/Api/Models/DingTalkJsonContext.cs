using System.Text.Json.Serialization;

namespace DingGate.DingTalk.Api.Models;

/// <summary>
/// Source-generated JSON metadata for every DingTalk wire DTO. A body or response type sent through
/// <see cref="DingTalkApiClient"/> must be listed here.
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AccessTokenRequest))]
[JsonSerializable(typeof(AccessTokenResponse))]
[JsonSerializable(typeof(ApiErrorBody))]
[JsonSerializable(typeof(OapiResult))]
[JsonSerializable(typeof(MessageFileDownloadRequest))]
[JsonSerializable(typeof(MessageFileDownloadResponse))]
[JsonSerializable(typeof(WebhookTextMessage))]
internal sealed partial class DingTalkJsonContext : JsonSerializerContext;
