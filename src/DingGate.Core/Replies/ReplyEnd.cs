namespace DingGate.Core.Replies;

/// <summary>How a reply ended.</summary>
public enum ReplyEnd
{
    /// <summary>The answer is complete.</summary>
    Finished,

    /// <summary>Generation failed; what was written is delivered with the error note.</summary>
    Failed,

    /// <summary>The user stopped it (stop button or /stop); what was written is delivered with a "stopped" note.</summary>
    Stopped,

    /// <summary>The gateway stopped or restarted mid-answer; what was written is delivered with an "interrupted" note.</summary>
    Interrupted,
}
