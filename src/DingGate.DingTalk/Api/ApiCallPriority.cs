namespace DingGate.DingTalk.Api;

/// <summary>
/// Who goes first when calls wait for the same limiter (<see cref="ApiRateLimiter"/>): what ends an open card before
/// what updates it, both before new work, and the cosmetic thinking indicator last.
/// </summary>
internal enum ApiCallPriority
{
    /// <summary>The thinking indicator (emotion reply / recall): cosmetic, served last.</summary>
    Indicator = 0,

    /// <summary>Everything else: sends, new card creates, uploads, the token.</summary>
    Normal = 1,

    /// <summary>An intermediate streaming update or INPUTING state of an open card.</summary>
    Streaming = 2,

    /// <summary>The final update of an open card (streaming <c>isFinalize</c>, flowStatus FINISHED / FAILED).</summary>
    Finalize = 3,
}
