using Microsoft.Extensions.Logging;

namespace DingGate.Agent.Tools.Mcp;

internal sealed partial class McpServerConnection
{
    [LoggerMessage(EventId = 5601, Level = LogLevel.Information, Message = "MCP server {Server} ready ({Transport}): {Count} tools")]
    private static partial void LogServerReady(ILogger logger, string server, string transport, int count);

    [LoggerMessage(EventId = 5602, Level = LogLevel.Warning, Message = "MCP server {Server} is down ({Reason}); its {Count} tools are unavailable until it is back; restarting in {DelaySeconds:0.0} s")]
    private static partial void LogServerDown(ILogger logger, string server, string reason, int count, double delaySeconds);

    [LoggerMessage(EventId = 5603, Level = LogLevel.Information, Message = "MCP server {Server} changed its tools: {Count} tools now")]
    private static partial void LogToolsChanged(ILogger logger, string server, int count);

    [LoggerMessage(EventId = 5604, Level = LogLevel.Warning, Message = "MCP server {Server}: the call to {Tool} failed on the wire ({Error}); reconnecting")]
    private static partial void LogCallBroke(ILogger logger, string server, string tool, string error);

    [LoggerMessage(EventId = 5605, Level = LogLevel.Debug, Message = "MCP server {Server} stderr: {Line}")]
    private static partial void LogStandardError(ILogger logger, string server, string line);
}
