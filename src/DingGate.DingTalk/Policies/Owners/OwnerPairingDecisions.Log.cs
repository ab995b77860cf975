using DingGate.Core.Storage;
using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk.Policies.Owners;

internal sealed partial class OwnerPairingDecisions
{
    [LoggerMessage(EventId = 4201, Level = LogLevel.Information, Message = "Account {AccountId}: pairing code {Code} of user {UserId} decided {Decision} by owner {Owner}")]
    private partial void LogDecided(string accountId, string code, string userId, OwnerDecision decision, string owner);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Warning, Message = "Account {AccountId}: the pairing card of code {Code} ({OutTrackId}) was not updated with the decision")]
    private partial void LogCardNotUpdated(string accountId, string code, string outTrackId, Exception exception);

    [LoggerMessage(EventId = 4203, Level = LogLevel.Warning, Message = "Account {AccountId}: user {UserId} was not told the decision on pairing {Code}; the next click, command or start tries again")]
    private partial void LogRequesterNotTold(string accountId, string code, string userId, Exception exception);

    [LoggerMessage(EventId = 4204, Level = LogLevel.Warning, Message = "Account {AccountId}: finishing the owners' decisions left half shown failed; tried again at the next start")]
    private partial void LogFinishFailed(string accountId, Exception exception);
}
