namespace DingGate.DingTalk.Api;

/// <summary>DingTalk rejected the client id / client secret pair (<c>invalidClientIdOrSecret</c>): fatal, not retried.</summary>
public sealed class DingTalkCredentialsException : DingTalkApiException
{
    public DingTalkCredentialsException()
    {
    }

    public DingTalkCredentialsException(string message)
        : base(message)
    {
    }

    public DingTalkCredentialsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DingTalkCredentialsException(string clientId, DingTalkApiException inner)
        : base(
            $"DingTalk rejected the credentials of client id '{clientId}' ({inner.Code}, HTTP {inner.HttpStatus}"
            + (inner.RequestId is null ? ")" : $", requestid {inner.RequestId})")
            + ": check clientId and clientSecret of this account.",
            inner)
    {
        ClientId = clientId;
    }

    /// <summary>The client id whose secret was refused.</summary>
    public string? ClientId { get; }
}
