namespace DingGate.DingTalk.Api;

/// <summary>
/// A DingTalk API call failed: HTTP status, the error code (<c>code</c> of the api host or <c>errcode</c> of the oapi
/// host, as text) and the request id. The message never contains tokens or secrets.
/// </summary>
public class DingTalkApiException : Exception
{
    public DingTalkApiException()
    {
    }

    public DingTalkApiException(string message)
        : base(message)
    {
    }

    public DingTalkApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DingTalkApiException(string endpoint, int httpStatus, string? code, string? errorMessage, string? requestId, Exception? innerException = null)
        : base(Describe(endpoint, httpStatus, code, errorMessage, requestId), innerException)
    {
        Endpoint = endpoint;
        HttpStatus = httpStatus;
        Code = code;
        ErrorMessage = errorMessage;
        RequestId = requestId;
    }

    /// <summary>Method and path template of the call (no query string).</summary>
    public string Endpoint { get; } = string.Empty;

    /// <summary>HTTP status (200 for oapi errcode failures, 0 when no response arrived).</summary>
    public int HttpStatus { get; }

    /// <summary>DingTalk error code (<c>code</c> or <c>errcode</c>), null when the body had none.</summary>
    public string? Code { get; }

    /// <summary>DingTalk's own error text (<c>message</c> / <c>errmsg</c>).</summary>
    public string? ErrorMessage { get; }

    /// <summary>Request id (<c>requestid</c>, <c>requestId</c> or the <c>x-acs-request-id</c> header).</summary>
    public string? RequestId { get; }

    private static string Describe(string endpoint, int status, string? code, string? message, string? requestId) =>
        $"DingTalk call {endpoint} failed: HTTP {status}, code {code ?? "(none)"}: {message ?? "(no message)"}"
        + (requestId is null ? string.Empty : $" (requestid {requestId})");
}
