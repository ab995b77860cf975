using Microsoft.Extensions.Logging;

namespace DingGate.Agent.Tools;

internal sealed partial class ToolCatalog
{
    [LoggerMessage(EventId = 5301, Level = LogLevel.Warning, Message = "Tool source {Source} failed to list its tools for agent {Agent}; it offers none this turn")]
    private static partial void LogSourceFailed(ILogger logger, string source, string agent, Exception exception);

    [LoggerMessage(EventId = 5302, Level = LogLevel.Warning, Message = "Tool {Tool} of source {Source} has the name of an earlier source's tool; agent {Agent} gets the first one only")]
    private static partial void LogDuplicateName(ILogger logger, string tool, string source, string agent);
}
