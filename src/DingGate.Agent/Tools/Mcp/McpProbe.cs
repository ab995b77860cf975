using DingGate.Core.Configuration;
using Microsoft.Extensions.Logging;

namespace DingGate.Agent.Tools.Mcp;

/// <summary>
/// Starts one configured server, lists its tools and stops it again (a stdio child is killed), within its
/// <c>startTimeoutMs</c>: for <c>dinggate tools list</c> and <c>doctor</c>. Never throws for a server that fails;
/// the result says why.
/// </summary>
internal static class McpProbe
{
    public static async Task<McpProbeResult> RunAsync(string name, McpServerSettings settings, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var transport = settings.Url is null ? "stdio" : "http";
        try
        {
            var session = await McpConnector.ConnectAsync(name, settings, time, loggers, static () => { }, static _ => { }, cancellationToken).ConfigureAwait(false);
            await session.Client.DisposeAsync().ConfigureAwait(false);
            return new McpProbeResult(name, transport, [.. session.Tools.Select(t => new McpProbeTool(t.Name, t.Description ?? t.Title ?? string.Empty))], null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            return new McpProbeResult(name, transport, [], McpServerConnection.Reason(ex));
        }
    }
}
