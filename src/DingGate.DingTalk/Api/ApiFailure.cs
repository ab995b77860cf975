namespace DingGate.DingTalk.Api;

/// <summary>An error answer read from the wire, before it becomes an exception or a retry.</summary>
internal sealed record ApiFailure(int HttpStatus, string? Code, string? Message, string? RequestId, TimeSpan? RetryAfter)
{
    private static readonly string[] InvalidTokenOapiCodes = ["40014", "42001", "40001"];
    private static readonly string[] RateLimitCodes =
    [
        "Forbidden.AccessDenied.QpsLimitForAppkeyAndApi", "Forbidden.AccessDenied.QpsLimitForApi", "90018", "90002",
    ];

    /// <summary>The token was refused (api 400/401 <c>InvalidAuthentication</c>, oapi 40014/42001/40001).</summary>
    public bool IsInvalidToken =>
        (HttpStatus is 400 or 401 && Code == "InvalidAuthentication") || (Code is not null && InvalidTokenOapiCodes.Contains(Code));

    /// <summary>QPS limit codes or HTTP 429: wait and retry.</summary>
    public bool IsRateLimited => HttpStatus == 429 || (Code is not null && RateLimitCodes.Contains(Code));

    public bool IsServerError => HttpStatus >= 500;

    public DingTalkApiException ToException(string endpoint) => new(endpoint, HttpStatus, Code, Message, RequestId);
}
