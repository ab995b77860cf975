namespace DingGate.DingTalk.Api;

/// <summary>
/// One DingTalk HTTP call for <see cref="DingTalkApiClient"/>. <see cref="Path"/> is relative to the host's base URL
/// (and is the metrics endpoint tag, so keep ids out of it) unless <see cref="AbsoluteUrl"/> is set.
/// </summary>
internal sealed record ApiRequest(DingTalkHost Host, HttpMethod Method, string Path, object? Body = null, ApiAuth Auth = ApiAuth.Token)
{
    /// <summary>Retry 5xx and network failures with backoff; only for calls that are safe to repeat (token, download).</summary>
    public bool RetryServerErrors { get; init; }

    /// <summary>
    /// Go through the limiters (the per-IP guard, then the bucket of this API, or the conversation's limiter for a
    /// session webhook): every DingTalk call; not the OSS file GET.
    /// </summary>
    public bool RateLimited { get; init; } = true;

    /// <summary>Place in the queue of its limiter when calls wait (the thinking indicator's emotion calls are always last).</summary>
    public ApiCallPriority Priority { get; init; } = ApiCallPriority.Normal;

    /// <summary>
    /// Non-JSON body (e.g. multipart for <c>/media/upload</c>), created afresh for every attempt; replaces
    /// <see cref="Body"/>.
    /// </summary>
    public Func<HttpContent>? Content { get; init; }

    /// <summary>
    /// Metadata for <see cref="Body"/> when its type lives in another source-generated context (e.g. Stream/'s);
    /// null: looked up in <see cref="Models.DingTalkJsonContext"/>.
    /// </summary>
    public System.Text.Json.Serialization.Metadata.JsonTypeInfo? BodyType { get; init; }

    /// <summary>Counts this call's attempts for a reply's metering (kind: <see cref="Kind"/>).</summary>
    public ApiCallMeter? Meter { get; init; }

    /// <summary>Callbacks around each attempt going on the wire (the reply outbox's in-flight mark); null: none.</summary>
    public ApiSendHooks? Hooks { get; init; }

    /// <summary>Metering kind (one of <see cref="ApiCallKinds"/>); null: the endpoint.</summary>
    public string? Kind { get; init; }

    /// <summary>
    /// For an update that later content replaces (an intermediate card update): when this completes while the call
    /// waits out a throttle limit, the call is dropped unsent (<see cref="ApiCallSupersededException"/>). Never
    /// interrupts a request on the wire.
    /// </summary>
    public Task? SupersededBy { get; init; }

    /// <summary>Full URL (session webhook, signed download URL); checked against the allowed hosts.</summary>
    public Uri? AbsoluteUrl { get; init; }

    /// <summary>
    /// The conversation a session-webhook call answers (keys its cluster-wide window, see
    /// <see cref="ApiSharedLimits.WebhookKey"/>); null: a hash of the webhook URL stands for it.
    /// </summary>
    public string? ConversationId { get; init; }
}
