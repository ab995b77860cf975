using Microsoft.Extensions.Logging;

namespace DingGate.Agent.Tools;

internal sealed partial class ToolInvoker
{
    [LoggerMessage(EventId = 5310, Level = LogLevel.Debug, Message = "Tool {Tool} returned {Chars} characters after {Elapsed}")]
    private static partial void LogCallFinished(ILogger logger, string tool, int chars, TimeSpan elapsed);

    [LoggerMessage(EventId = 5311, Level = LogLevel.Warning, Message = "Tool {Tool} timed out after {Timeout}; the model gets a timeout result")]
    private static partial void LogCallTimedOut(ILogger logger, string tool, TimeSpan timeout);

    [LoggerMessage(EventId = 5312, Level = LogLevel.Warning, Message = "Tool {Tool} failed; the model gets an error result")]
    private static partial void LogCallFailed(ILogger logger, string tool, Exception exception);

    [LoggerMessage(EventId = 5313, Level = LogLevel.Information, Message = "Tool {Tool} is owner-only and the sender is not an owner; the model gets a refusal")]
    private static partial void LogRefused(ILogger logger, string tool);

    [LoggerMessage(EventId = 5314, Level = LogLevel.Information, Message = "Tool {Tool} cancelled with its turn")]
    private static partial void LogCallCancelled(ILogger logger, string tool);
}
