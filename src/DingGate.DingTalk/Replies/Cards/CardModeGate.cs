using DingGate.Core.Configuration;
using DingGate.DingTalk.Api;
using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk.Replies.Cards;

/// <summary>
/// Per account: whether replies may use cards now. After <see cref="FailureThreshold"/> consecutive card replies that
/// failed with throttling or server errors (throttle and quota codes, 429, ≥ 500, network — the api client already
/// retried or waited them out), card mode is degraded to markdown for
/// <see cref="DingTalkAccount.AicardDegradeDuration"/>; a card reply that works resets the count. Other failures (400s: bad template, unknown user) neither count nor reset.
/// Logs once when it degrades (warning) and once when it recovers (information).
/// </summary>
internal sealed partial class CardModeGate(DingTalkAccount account, TimeProvider time, ILogger<CardModeGate> logger)
{
    public const int FailureThreshold = 2;

    private readonly Lock _gate = new();
    private int _consecutiveFailures;
    private DateTimeOffset? _degradedUntil;

    /// <summary>True unless card mode is degraded right now (logs the recovery when the degrade just ran out).</summary>
    public bool AllowsCards()
    {
        var recovered = false;
        lock (_gate)
        {
            if (_degradedUntil is { } until)
            {
                if (time.GetUtcNow() < until)
                {
                    return false;
                }

                _degradedUntil = null;
                _consecutiveFailures = 0;
                recovered = true;
            }
        }

        if (recovered)
        {
            LogRecovered(logger, account.Id);
        }

        return true;
    }

    public void RecordSuccess()
    {
        lock (_gate)
        {
            _consecutiveFailures = 0;
        }
    }

    /// <summary>Counts a failed card reply when <paramref name="failure"/> is throttling or a server error.</summary>
    public void RecordFailure(Exception failure)
    {
        if (!IsThrottlingOrServerError(failure))
        {
            return;
        }

        DateTimeOffset? degradedUntil = null;
        int failures;
        lock (_gate)
        {
            failures = ++_consecutiveFailures;
            if (failures >= FailureThreshold && _degradedUntil is null)
            {
                _degradedUntil = time.GetUtcNow() + account.AicardDegradeDuration;
                degradedUntil = _degradedUntil;
            }
        }

        if (degradedUntil is { } until)
        {
            LogDegraded(logger, account.Id, failures, account.AicardDegradeDuration.TotalMinutes, until, failure.Message);
        }
    }

    /// <summary>Any throttling or quota answer (<see cref="ApiThrottleCodes"/>), 5xx, or no answer at all (network, timeout).</summary>
    public static bool IsThrottlingOrServerError(Exception failure) => failure switch
    {
        DingTalkApiException { HttpStatus: >= 500 } => true,
        DingTalkApiException { HttpStatus: 0, Code: "network" } => true,
        DingTalkApiException api => ApiThrottleCodes.Classify(api.HttpStatus, api.Code) != ApiThrottle.None,
        HttpRequestException or TimeoutException or TaskCanceledException => true,
        _ => false,
    };

    [LoggerMessage(EventId = 2124, Level = LogLevel.Warning,
        Message = "Account {AccountId}: {Failures} card replies in a row failed with throttling or server errors; replying as markdown for {Minutes} minutes (until {Until}). Last error: {Error}")]
    private static partial void LogDegraded(ILogger logger, string accountId, int failures, double minutes, DateTimeOffset until, string error);

    [LoggerMessage(EventId = 2125, Level = LogLevel.Information, Message = "Account {AccountId}: card mode is back after its degrade period")]
    private static partial void LogRecovered(ILogger logger, string accountId);
}
