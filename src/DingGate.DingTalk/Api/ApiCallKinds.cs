namespace DingGate.DingTalk.Api;

/// <summary>The kinds a reply's calls are metered by (the seed's "API calls per reply" table, split finer).</summary>
internal static class ApiCallKinds
{
    public const string Webhook = "webhook";
    public const string OtoSend = "oto_send";
    public const string GroupSend = "group_send";
    public const string CardCreate = "card_create";
    public const string CardStreaming = "card_streaming";
    public const string CardUpdate = "card_update";
    public const string MediaUpload = "media_upload";
    public const string Emotion = "emotion";
    public const string Token = "token";
}
