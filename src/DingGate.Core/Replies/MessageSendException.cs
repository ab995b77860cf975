namespace DingGate.Core.Replies;

/// <summary>A proactive message could not be delivered; the message names the target and the reason (never a secret).</summary>
public sealed class MessageSendException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MessageSendException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public MessageSendException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public MessageSendException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for <paramref name="target"/>.</summary>
    public MessageSendException(MessageTarget target, string reason, Exception? innerException = null)
        : base($"Cannot send to {target}: {reason}", innerException)
    {
        Target = target;
    }

    /// <summary>The target that failed, when known.</summary>
    public MessageTarget? Target { get; }
}
