namespace DingGate.DingTalk.Api;

/// <summary>
/// Tells throttling answers apart from other failures, the way DingTalk documents them and the official clients read
/// them: the global error-code page (KB <c>0013-server-api-error-codes-1.md</c>) lists 403
/// <c>Forbidden.AccessDenied.QpsLimitForApi</c>, <c>…QpsLimitForAppkeyAndApi</c> / <c>…QpmLimitForAppkeyAndApi</c>
/// and the ISV <c>…QpsLimitForSuitekeyAndOrgAndApi</c> / <c>…QpmLimitForSuitekeyAndOrgAndApi</c>; DingTalk's own
/// connector (<c>isQpsLimitError</c>) takes any 403 whose code contains <c>QpsLimit</c>. Legacy oapi codes from the
/// frequency-limit page: 90018 per app and API per second, 90005/90006 per org / per app and API per minute, the rest
/// of 90001–90014 "temporarily disabled" per server, API, org, credentials or ISV suite.
/// </summary>
internal static class ApiThrottleCodes
{
    private static readonly string[] PerSecondCodes = ["90018", "qps.exceed.limit", "request.overlimit"];
    private static readonly string[] PerMinuteCodes = ["90005", "90006"];
    private static readonly string[] SuspendedCodes =
        ["90001", "90002", "90003", "90004", "90007", "90008", "90009", "90010", "90011", "90012", "90013", "90014"];

    public static ApiThrottle Classify(int httpStatus, string? code)
    {
        if (code is not null && (code.Contains("ApiCountLimit", StringComparison.Ordinal) || code == "90020"))
        {
            return ApiThrottle.Quota;
        }

        if (httpStatus == 429)
        {
            return ApiThrottle.PerSecond;
        }

        if (code is null)
        {
            return ApiThrottle.None;
        }

        if (httpStatus == 403 && code.Contains("QpmLimit", StringComparison.Ordinal))
        {
            return ApiThrottle.PerMinute;
        }

        if (httpStatus == 403 && code.Contains("QpsLimit", StringComparison.Ordinal))
        {
            return ApiThrottle.PerSecond;
        }

        return PerSecondCodes.Contains(code) ? ApiThrottle.PerSecond
            : PerMinuteCodes.Contains(code) ? ApiThrottle.PerMinute
            : SuspendedCodes.Contains(code) ? ApiThrottle.Suspended
            : ApiThrottle.None;
    }
}
