using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk.Policies.Owners;

internal sealed partial class OwnerPairingNotifier
{
    [LoggerMessage(EventId = 4211, Level = LogLevel.Information, Message = "Account {AccountId}: pairing request {Code} sent to {Owners} owner(s) by {By} ({Texted} text line(s))")]
    private partial void LogNotified(string accountId, string code, int owners, string by, int texted);

    [LoggerMessage(EventId = 4212, Level = LogLevel.Warning, Message = "Account {AccountId}: the pairing card of {Code} could not be sent; the owners get the text line")]
    private partial void LogCardFailed(string accountId, string code, Exception exception);

    [LoggerMessage(EventId = 4213, Level = LogLevel.Warning, Message = "Account {AccountId}: the pairing request {Code} could not be sent to owner {Owner}")]
    private partial void LogTextFailed(string accountId, string code, string owner, Exception exception);

    [LoggerMessage(EventId = 4214, Level = LogLevel.Warning, Message = "Account {AccountId}: sending pending pairing requests to the owners failed; tried again after the next pairing request or start")]
    private partial void LogSweepFailed(string accountId, Exception exception);
}
