namespace DingGate.DingTalk.Api;

/// <summary>
/// A call waiting out a throttle limit was dropped before it was sent, because its <see cref="ApiRequest.SupersededBy"/>
/// completed: the caller has newer content to send instead (an intermediate card update). Not a failure.
/// </summary>
internal sealed class ApiCallSupersededException : Exception
{
    public ApiCallSupersededException()
    {
    }

    public ApiCallSupersededException(string message)
        : base(message)
    {
    }

    public ApiCallSupersededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
