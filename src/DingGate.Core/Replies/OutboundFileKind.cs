namespace DingGate.Core.Replies;

/// <summary>How a channel sends an <see cref="OutboundFile"/>.</summary>
public enum OutboundFileKind
{
    /// <summary>A picture (DingTalk: sampleImageMsg, or inline in markdown).</summary>
    Image,

    /// <summary>Any other file (DingTalk: sampleFile).</summary>
    File,

    /// <summary>A voice message (DingTalk: sampleAudio).</summary>
    Voice,
}
