namespace DingGate.DingTalk.Api;

/// <summary>An error answer read from the wire, before it becomes an exception or a retry.</summary>
internal sealed record ApiFailure(int HttpStatus, string? Code, string? Message, string? RequestId, TimeSpan? RetryAfter)
{
    private static readonly string[] InvalidTokenOapiCodes = ["40014", "42001", "40001"];

    /// <summary>The token was refused (api 400/401 <c>InvalidAuthentication</c>, oapi 40014/42001/40001).</summary>
    public bool IsInvalidToken =>
        (HttpStatus is 400 or 401 && Code == "InvalidAuthentication") || (Code is not null && InvalidTokenOapiCodes.Contains(Code));

    /// <summary>Which limit the call hit (<see cref="ApiThrottle.None"/> when it is not a limit).</summary>
    public ApiThrottle Throttle => ApiThrottleCodes.Classify(HttpStatus, Code);

    /// <summary>A limit that passes (per second, per minute, suspended): wait and retry. The monthly quota is not one.</summary>
    public bool IsRateLimited => Throttle is ApiThrottle.PerSecond or ApiThrottle.PerMinute or ApiThrottle.Suspended;

    public bool IsServerError => HttpStatus >= 500;

    public DingTalkApiException ToException(string endpoint) => new(endpoint, HttpStatus, Code, Message, RequestId);
}
