namespace DingGate.Core.Replies;

/// <summary>A file to send with the reply (an image is shown inside the answer where the channel can, others follow it).</summary>
/// <param name="File">The local file.</param>
public sealed record ReplyFile(OutboundFile File) : ReplyUpdate;
