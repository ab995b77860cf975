using System.Text.Json;
using Microsoft.Extensions.AI;
using ModelContextProtocol.Protocol;

namespace DingGate.Agent.Tools.Mcp;

/// <summary>
/// One tool of an MCP server as the model sees it (the server's name, description and input schema). A call goes to
/// the server's current session at call time, so a function handed out before a restart still works after it, and a
/// call while the server is down is an error result, never an exception out of the turn.
/// </summary>
internal sealed class McpToolFunction(McpServerConnection server, Tool tool) : AIFunction
{
    /// <inheritdoc/>
    public override string Name => tool.Name;

    /// <inheritdoc/>
    public override string Description => tool.Description ?? tool.Title ?? string.Empty;

    /// <inheritdoc/>
    public override JsonElement JsonSchema => tool.InputSchema;

    /// <summary>The server offering it.</summary>
    public string Server => server.Name;

    /// <inheritdoc/>
    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken) =>
        await server.CallAsync(tool.Name, arguments, cancellationToken).ConfigureAwait(false);
}
