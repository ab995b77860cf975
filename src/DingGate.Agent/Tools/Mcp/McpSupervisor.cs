using DingGate.Core.Configuration;
using Microsoft.Extensions.Logging;

namespace DingGate.Agent.Tools.Mcp;

/// <summary>
/// Owns every enabled MCP server of the configuration (one <see cref="McpServerConnection"/> and
/// <see cref="McpToolSource"/> each). <see cref="Start"/> begins each server's loop in the background and returns at
/// once (the gateway answers while servers start; their tools appear when listed); <see cref="StopAsync"/> ends the
/// loops and awaits them, which closes every session and kills stdio children.
/// </summary>
internal sealed partial class McpSupervisor : IAsyncDisposable
{
    private readonly ILogger logger;
    private readonly CancellationTokenSource stopping = new();
    private readonly Lock gate = new();
    private Task running = Task.CompletedTask;
    private bool started;

    public McpSupervisor(McpSettings settings, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(settings);
        logger = loggers.CreateLogger<McpSupervisor>();
        Sources = [.. settings.Servers
            .Where(s => s.Value.Enabled != false)
            .OrderBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => new McpToolSource(new McpServerConnection(s.Key, s.Value, time, loggers)))];
    }

    /// <summary>One source per enabled server, by name.</summary>
    public IReadOnlyList<McpToolSource> Sources { get; }

    /// <summary>The source of server <paramref name="server"/>.</summary>
    public McpToolSource Source(string server) =>
        Sources.FirstOrDefault(s => s.Server.Name == server) ?? throw new ArgumentException($"no enabled MCP server named {server}", nameof(server));

    /// <summary>Starts every server's loop (once); returns without waiting for any server.</summary>
    public void Start()
    {
        lock (gate)
        {
            if (started || stopping.IsCancellationRequested)
            {
                return;
            }

            started = true;
            if (Sources.Count > 0)
            {
                LogStarting(logger, Sources.Count);
            }

            var token = stopping.Token;
            running = Task.WhenAll(Sources.Select(s => Task.Run(() => s.Server.RunAsync(token), CancellationToken.None)));
        }
    }

    /// <summary>Stops every server and waits for their sessions to close.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        Task loops;
        lock (gate)
        {
            if (!stopping.IsCancellationRequested)
            {
                stopping.Cancel();
            }

            loops = running;
        }

        await loops.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        stopping.Dispose();
    }
}
