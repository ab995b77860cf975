using Microsoft.Extensions.Logging;

namespace DingGate.Agent.Tools.Mcp;

internal sealed partial class McpSupervisor
{
    [LoggerMessage(EventId = 5611, Level = LogLevel.Information, Message = "Starting {Count} MCP servers")]
    private static partial void LogStarting(ILogger logger, int count);
}
