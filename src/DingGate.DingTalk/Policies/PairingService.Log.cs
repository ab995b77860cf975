using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk.Policies;

/// <summary>Pairing events. The code is logged on purpose: it is what the owner approves, and it expires within the hour.</summary>
internal sealed partial class PairingService
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Pairing code {Code} issued on account {AccountId} to user {UserId}, expires {ExpiresAt:O}; approve with: dinggate pairing approve {Code}")]
    private partial void LogIssued(string accountId, string userId, string code, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "Pairing code {Code} of user {UserId} on account {AccountId} expired early: {MaxPending} requests were pending (the per-account cap), the oldest made room for user {NewUserId}")]
    private partial void LogExpiredEarly(string accountId, string userId, string code, int maxPending, string newUserId);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Information, Message = "Pairing code {Code} approved on account {AccountId}: user {UserId} may now talk to the bot")]
    private partial void LogApproved(string accountId, string userId, string code);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Information, Message = "Pairing code {Code} denied on account {AccountId} for user {UserId}")]
    private partial void LogDenied(string accountId, string userId, string code);
}
