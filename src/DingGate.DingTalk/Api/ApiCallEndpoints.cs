using System.Collections.Frozen;

namespace DingGate.DingTalk.Api;

/// <summary>
/// The DingTalk API ("METHOD path", the key of its per-app bucket) that a call of each <see cref="ApiCallKinds"/> kind
/// spends, for <see cref="DingTalkApiClient.IsBacklogged"/>. The webhook has no entry: it spends the conversation's
/// webhook limiter, not an API bucket.
/// </summary>
internal static class ApiCallEndpoints
{
    public const string OtoSend = "POST /v1.0/robot/oToMessages/batchSend";
    public const string GroupSend = "POST /v1.0/robot/groupMessages/send";
    public const string CardCreate = "POST /v1.0/card/instances/createAndDeliver";
    public const string CardStreaming = "PUT /v1.0/card/streaming";
    public const string CardUpdate = "PUT /v1.0/card/instances";
    public const string MediaUpload = "POST /media/upload";
    public const string EmotionReply = "POST /v1.0/robot/emotion/reply";
    public const string Token = "POST /v1.0/oauth2/accessToken";

    private static readonly FrozenDictionary<string, string> ByKind = new Dictionary<string, string>
    {
        [ApiCallKinds.OtoSend] = OtoSend,
        [ApiCallKinds.GroupSend] = GroupSend,
        [ApiCallKinds.CardCreate] = CardCreate,
        [ApiCallKinds.CardStreaming] = CardStreaming,
        [ApiCallKinds.CardUpdate] = CardUpdate,
        [ApiCallKinds.MediaUpload] = MediaUpload,
        [ApiCallKinds.Emotion] = EmotionReply,
        [ApiCallKinds.Token] = Token,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The endpoint of <paramref name="kind"/>; null for the webhook and unknown kinds.</summary>
    public static string? For(string kind) => ByKind.GetValueOrDefault(kind);
}
