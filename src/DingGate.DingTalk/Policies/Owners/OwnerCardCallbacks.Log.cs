using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk.Policies.Owners;

internal sealed partial class OwnerCardCallbacks
{
    [LoggerMessage(EventId = 4221, Level = LogLevel.Warning, Message = "Account {AccountId}: a click on the pairing card of {Code} by {UserId}, who is not an owner, was ignored")]
    private partial void LogNotOwner(string accountId, string code, string? userId);

    [LoggerMessage(EventId = 4222, Level = LogLevel.Information, Message = "Account {AccountId}: a click on the pairing card of {Code} named no approve or deny action ({ActionIds}); ignored")]
    private partial void LogUnknownButton(string accountId, string code, IReadOnlyList<string> actionIds);
}
