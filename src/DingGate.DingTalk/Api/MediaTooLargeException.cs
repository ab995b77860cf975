namespace DingGate.DingTalk.Api;

/// <summary>A media download is larger than the account's <c>MaxMediaBytes</c>; nothing was kept on disk.</summary>
public sealed class MediaTooLargeException : DingTalkApiException
{
    public MediaTooLargeException()
    {
    }

    public MediaTooLargeException(string message)
        : base(message)
    {
    }

    public MediaTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MediaTooLargeException(long limit, long? announced)
        : base(announced is { } n
            ? $"Media download refused: Content-Length {n} bytes exceeds the limit of {limit} bytes."
            : $"Media download stopped: more than the limit of {limit} bytes.")
    {
        Limit = limit;
    }

    /// <summary>The byte limit that was exceeded.</summary>
    public long Limit { get; }
}
