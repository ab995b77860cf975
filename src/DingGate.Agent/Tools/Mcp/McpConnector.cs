using DingGate.Core.Configuration;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace DingGate.Agent.Tools.Mcp;

/// <summary>
/// Starts one server (spawns the process or opens the HTTP session), runs the MCP handshake and lists its tools,
/// all within <c>startTimeoutMs</c> (on the <see cref="TimeProvider"/>). Used by the supervisor's loop, by
/// <c>dinggate tools list</c> and by <c>doctor</c>.
/// </summary>
internal static class McpConnector
{
    /// <summary>Default of <c>mcp.servers.&lt;name&gt;.startTimeoutMs</c>.</summary>
    public const int DefaultStartTimeoutMs = 30_000;

    public static TimeSpan StartTimeout(McpServerSettings settings) =>
        TimeSpan.FromMilliseconds(settings.StartTimeoutMs ?? DefaultStartTimeoutMs);

    /// <summary>
    /// Connects and lists. <paramref name="toolsChanged"/> runs on the SDK's reader when the server sends
    /// <c>notifications/tools/list_changed</c> (it must only signal, not call the server). Throws when the server
    /// cannot be started, does not answer in time, or fails the handshake or the listing.
    /// </summary>
    public static async Task<McpSession> ConnectAsync(
        string name,
        McpServerSettings settings,
        TimeProvider time,
        ILoggerFactory loggers,
        Action toolsChanged,
        Action<string> standardError,
        CancellationToken cancellationToken)
    {
        var timeout = StartTimeout(settings);
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var transport = McpTransports.Create(name, settings, timeout, standardError, loggers);
        var options = new McpClientOptions
        {
            ClientInfo = new Implementation { Name = "dinggate", Version = typeof(McpConnector).Assembly.GetName().Version?.ToString() ?? "1.0" },
            InitializationTimeout = timeout,
            Handlers = new McpClientHandlers
            {
                NotificationHandlers =
                [
                    new(NotificationMethods.ToolListChangedNotification, (_, _) =>
                    {
                        toolsChanged();
                        return ValueTask.CompletedTask;
                    }),
                ],
            },
        };

        McpClient? client = null;
        try
        {
            client = await McpClient.CreateAsync(transport, options, loggers, linked.Token).ConfigureAwait(false);
            var tools = await ListAsync(client, linked.Token).ConfigureAwait(false);
            return new McpSession(client, tools);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            if (client is not null)
            {
                await client.DisposeAsync().ConfigureAwait(false);
            }

            throw new TimeoutException($"did not start and list its tools within {timeout.TotalMilliseconds:0} ms (startTimeoutMs)");
        }
        catch
        {
            if (client is not null)
            {
                await client.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    /// <summary>Lists the server's tools (every page).</summary>
    public static async Task<IReadOnlyList<Tool>> ListAsync(McpClient client, CancellationToken cancellationToken)
    {
        var tools = await client.ListToolsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return [.. tools.Select(t => t.ProtocolTool)];
    }
}
