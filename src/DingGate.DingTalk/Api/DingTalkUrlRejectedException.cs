namespace DingGate.DingTalk.Api;

/// <summary>A URL from a message or an API answer points at a host the client will not talk to.</summary>
public sealed class DingTalkUrlRejectedException : DingTalkApiException
{
    public DingTalkUrlRejectedException()
    {
    }

    public DingTalkUrlRejectedException(string message)
        : base(message)
    {
    }

    public DingTalkUrlRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
