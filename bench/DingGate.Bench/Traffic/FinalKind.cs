namespace DingGate.Bench.Traffic;

/// <summary>How a recorded call ends a reply, if it does.</summary>
internal enum FinalKind
{
    None,

    /// <summary>A message (session webhook or robot OpenAPI send) with the fake model's end marker: the last part of a markdown answer.</summary>
    EndMarker,

    /// <summary>The card's <c>isFinalize=true</c> streaming update: its last call when the template does not follow the flow status.</summary>
    CardFinalize,

    /// <summary>The card's FINISHED ("3") or FAILED ("5") flow-status update: its last call when the template follows the flow status (the built-in one).</summary>
    CardFinished,
}
