using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk.Replies.Cards;

internal sealed partial class CardReplySink
{
    [LoggerMessage(EventId = 2130, Level = LogLevel.Information,
        Message = "Account {AccountId}: DingTalk holds the card streaming API shut until {Until}; card {OutTrackId} ends with its whole answer through PUT /v1.0/card/instances instead of waiting")]
    private static partial void LogEndingWithoutStreaming(ILogger logger, string accountId, string outTrackId, DateTimeOffset until);

    [LoggerMessage(EventId = 2131, Level = LogLevel.Warning,
        Message = "Account {AccountId}: card {OutTrackId} could not be ended through PUT /v1.0/card/instances ({Error}); its answer goes with the final streaming update instead, once DingTalk takes it")]
    private static partial void LogEndWithoutStreamingFailed(ILogger logger, string accountId, string outTrackId, string error);
}
