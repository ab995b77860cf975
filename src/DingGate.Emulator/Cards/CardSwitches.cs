namespace DingGate.Emulator.Cards;

/// <summary>
/// Card behaviours the spec leaves open (§6.2, §6.6, §9 item 8), switchable at run time through
/// <c>PATCH /_emulator/cards/settings</c>.
/// </summary>
internal sealed class CardSwitches
{
    /// <summary>
    /// Streaming with <c>content: ""</c> answers <c>param.stream.contentEmpty</c>. On by default because the spec lists
    /// the error and its checklist says empty content is rejected; some clients send an empty "open" call (§6.4), so
    /// turn this off to emulate a server that accepts it. Missing (null) content is always rejected.
    /// </summary>
    public bool RejectEmptyStreamingContent { get; set; } = true;

    /// <summary>
    /// Streaming updates on a FINISHED or FAILED card answer 400 <c>param.stream.cardFinished</c>. GUESS: the real
    /// server's behaviour is undocumented. PUT /v1.0/card/instances stays allowed. A built-in AI card finalized by
    /// streaming but not yet set to flowStatus "3" is not closed (it still spins), so streaming to it is accepted.
    /// </summary>
    public bool RejectUpdatesAfterFinalize { get; set; } = true;

    /// <summary>A streaming key the template does not have answers 500 <c>unknownError</c> (observed, §6.1).</summary>
    public bool RejectUnknownStreamingKey { get; set; } = true;

    /// <summary>IM_GROUP/IM_ROBOT deliveries need their <c>im*OpenSpaceModel</c> (else <c>param.openSpaceModelInvalid</c>). Off: lenient.</summary>
    public bool RequireSpaceModels { get; set; }

    /// <summary>Enforce the documented streaming size advice (1 KB per call, 3 KB total) with <c>param.stream.content</c>.</summary>
    public bool StreamingSizeLimitEnabled { get; set; }

    public int StreamingMaxBytesPerCall { get; set; } = 1024;

    public int StreamingMaxBytesTotal { get; set; } = 3 * 1024;

    /// <summary>Per-robot limit on <c>PUT /v1.0/card/streaming</c> (reported: 50 QPS), to test client throttling.</summary>
    public bool StreamingRateLimitEnabled { get; set; }

    public int StreamingRateLimitPerSecond { get; set; } = 50;

    /// <summary>Status when the streaming limit trips: 403 (QpsLimitForAppkeyAndApi envelope) or 429 (system.busy).</summary>
    public int StreamingRateLimitStatus { get; set; } = 403;
}
