using DingGate.DingTalk.Api;

namespace DingGate.DingTalk.Replies;

/// <summary>
/// A DingTalk answer that will not change on a retry: HTTP 4xx other than a limit and a refused token (the card or
/// reaction does not exist, is finished, cannot take this call). Throttling, 5xx, network errors and timeouts are not.
/// </summary>
internal static class PermanentRefusal
{
    public static bool Is(Exception failure) =>
        failure is DingTalkApiException { HttpStatus: >= 400 and < 500 } api and not DingTalkCredentialsException
        && new ApiFailure(api.HttpStatus, api.Code, null, null, null) is { IsRateLimited: false, IsInvalidToken: false };
}
