namespace DingGate.Core.Replies;

/// <summary>How a reply was shown.</summary>
public enum ReplyMode
{
    /// <summary>One or more markdown (or text) messages.</summary>
    Markdown,

    /// <summary>A streaming AI card.</summary>
    Card,
}
