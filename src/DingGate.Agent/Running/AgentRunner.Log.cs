using Microsoft.Extensions.Logging;

namespace DingGate.Agent.Running;

internal sealed partial class AgentRunner
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Debug, Message = "Turn started for account {Account}: agent {Agent}, model {Model}, {History} history messages, {Attachments} attachments")]
    private static partial void LogTurnStarted(ILogger logger, string account, string agent, string model, int history, int attachments);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Turn finished for account {Account}: agent {Agent}, {Chars} characters, tokens in {InputTokens} out {OutputTokens}, {Elapsed}")]
    private static partial void LogTurnFinished(ILogger logger, string account, string agent, int chars, long? inputTokens, long? outputTokens, TimeSpan elapsed);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "Turn stopped for account {Account}: agent {Agent}, {Chars} characters written")]
    private static partial void LogTurnStopped(ILogger logger, string account, string agent, int chars);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "Turn failed for account {Account}: agent {Agent}, model {Model}")]
    private static partial void LogTurnFailed(ILogger logger, string account, string agent, string model, Exception exception);
}
