using DingGate.Core.Sessions;
using Microsoft.Extensions.Logging;

namespace DingGate.Agent.Sessions;

internal sealed partial class SessionQueue
{
    [LoggerMessage(EventId = 5101, Level = LogLevel.Information,
        Message = "Session {SessionKey}: message {MessageId} refused, {QueueDepth} messages already waiting; busy reply sent")]
    private static partial void LogBusy(ILogger logger, SessionKey sessionKey, string messageId, int queueDepth);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information,
        Message = "Session queue stopping: {Sessions} sessions active, {Pending} waiting messages completed as interrupted")]
    private static partial void LogStopping(ILogger logger, int sessions, int pending);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Error, Message = "Session {SessionKey}: turn for message {MessageId} crashed")]
    private static partial void LogTurnCrashed(ILogger logger, SessionKey sessionKey, string messageId, Exception exception);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Warning, Message = "Session {SessionKey}: completing the reply to {MessageId} failed")]
    private static partial void LogReplyFailed(ILogger logger, SessionKey sessionKey, string messageId, Exception exception);
}
