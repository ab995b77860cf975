namespace DingGate.DingTalk.Replies.Media;

/// <summary>
/// A file cannot be sent to DingTalk: missing or unreadable, a format DingTalk does not take for its kind, over the size
/// limit (checked before any upload), or the upload itself was refused. The message names the file and, for limits,
/// its size, the limit and the allowed formats. Proactive sends wrap it in a
/// <see cref="Core.Replies.MessageSendException"/> naming the target.
/// </summary>
internal sealed class MediaRejectedException : Exception
{
    public MediaRejectedException()
    {
    }

    public MediaRejectedException(string message)
        : base(message)
    {
    }

    public MediaRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
