using System.Text.Encodings.Web;
using System.Text.Json;
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
[JsonSerializable(typeof(MediaUploadResponse))]
[JsonSerializable(typeof(OtoBatchSendRequest))]
[JsonSerializable(typeof(OtoBatchSendResponse))]
[JsonSerializable(typeof(SampleTextParam))]
[JsonSerializable(typeof(SampleMarkdownParam))]
[JsonSerializable(typeof(GroupSendRequest))]
[JsonSerializable(typeof(GroupSendResponse))]
[JsonSerializable(typeof(WebhookMarkdownMessage))]
[JsonSerializable(typeof(EmotionRequest))]
[JsonSerializable(typeof(EmotionResponse))]
[JsonSerializable(typeof(SampleImageMsgParam))]
[JsonSerializable(typeof(SampleFileParam))]
[JsonSerializable(typeof(SampleAudioParam))]
internal sealed partial class DingTalkJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The instance used on the wire: Chinese text and symbols such as '+' written as themselves, not \uXXXX (the bodies
    /// are JSON over HTTP, never embedded in HTML).
    /// </summary>
    public static DingTalkJsonContext Wire { get; } = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    });
}
