using System.Threading.Channels;
using DingGate.Core.Configuration;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Client;

namespace DingGate.Agent.Tools.Mcp;

/// <summary>
/// Keeps one configured MCP server running: starts it and lists its tools, lists again on
/// <c>notifications/tools/list_changed</c>, and when it fails to start, dies (a stdio process exits) or its transport
/// breaks (an HTTP call fails on the wire), marks its tools unavailable with a warning and starts it again after a
/// backoff on the <see cref="TimeProvider"/>. <see cref="RunAsync"/> is the loop, owned and awaited by
/// <see cref="McpSupervisor"/>; ending it disposes the session (a stdio child is killed).
/// </summary>
internal sealed partial class McpServerConnection
{
    // A session that lived this long counts as healthy: the next failure starts the backoff from the beginning.
    private static readonly TimeSpan HealthyAfter = TimeSpan.FromSeconds(60);

    private readonly McpServerSettings settings;
    private readonly TimeProvider time;
    private readonly ILoggerFactory loggers;
    private readonly ILogger logger;
    private readonly Random random;
    private readonly Channel<Signal> signals = Channel.CreateBounded<Signal>(new BoundedChannelOptions(4) { FullMode = BoundedChannelFullMode.DropWrite });
    private McpServerState state = McpServerState.Initial;
    private McpClient? client;

    public McpServerConnection(string name, McpServerSettings settings, TimeProvider time, ILoggerFactory loggers, Random? random = null)
    {
        Name = name;
        this.settings = settings;
        this.time = time;
        this.loggers = loggers;
        logger = loggers.CreateLogger<McpServerConnection>();
        this.random = random ?? new Random();
    }

    private enum Signal
    {
        ToolsChanged,
        Broken,
    }

    /// <summary>The server's name under <c>mcp.servers</c>.</summary>
    public string Name { get; }

    /// <summary>Whether it is a stdio server (else streamable HTTP).</summary>
    public bool IsStdio => settings.Url is null;

    /// <summary>The server as last seen.</summary>
    public McpServerState State => Volatile.Read(ref state);

    /// <summary>Starts the server and keeps it running until <paramref name="stop"/>.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        var failures = 0;
        while (!stop.IsCancellationRequested)
        {
            var started = time.GetUtcNow();
            var reason = await RunSessionAsync(stop).ConfigureAwait(false);
            Publish(State with { Status = McpServerStatus.Unavailable, Error = reason });
            if (stop.IsCancellationRequested)
            {
                break;
            }

            failures = time.GetUtcNow() - started >= HealthyAfter ? 1 : failures + 1;
            var delay = McpBackoff.Delay(failures, random);
            var known = State.Tools.Count;
            LogServerDown(logger, Name, reason, known, delay.TotalSeconds);
            try
            {
                await Task.Delay(delay, time, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>
    /// Calls <paramref name="tool"/> on the current session. Errors (server down, the call failing on the wire, a
    /// protocol error) are results for the model; only cancellation of the call is thrown.
    /// </summary>
    public async Task<string> CallAsync(string tool, AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref client);
        var seen = State;
        if (current is null || seen.Status != McpServerStatus.Available)
        {
            return $"Error: the tool {tool} is unavailable: its MCP server '{Name}' is not running ({seen.Error ?? "starting"}). It is being restarted; try again later or answer without it.";
        }

        try
        {
            var result = await current.CallToolAsync(tool, arguments, cancellationToken: cancellationToken).ConfigureAwait(false);
            return McpResultText.Of(result);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (McpProtocolException ex)
        {
            return $"Error: the MCP server '{Name}' refused the call to {tool}: {ex.Message}";
        }
        catch (Exception ex)
        {
            LogCallBroke(logger, Name, tool, ex.GetType().Name);
            if (ReferenceEquals(Volatile.Read(ref client), current))
            {
                signals.Writer.TryWrite(Signal.Broken);
            }

            return $"Error: the MCP server '{Name}' failed while running {tool} ({ex.Message}). Its tools are unavailable until it is restarted.";
        }
    }

    // One session: connect and list, then serve until the server goes away. Returns why it ended.
    private async Task<string> RunSessionAsync(CancellationToken stop)
    {
        Publish(State with { Status = McpServerStatus.Starting, Starts = State.Starts + 1 });
        Drain();
        McpSession session;
        try
        {
            session = await McpConnector.ConnectAsync(Name, settings, time, loggers, () => signals.Writer.TryWrite(Signal.ToolsChanged), StandardError, stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return "stopped";
        }
        catch (Exception ex)
        {
            return "failed to start: " + Reason(ex);
        }

        try
        {
            Volatile.Write(ref client, session.Client);
            Publish(new McpServerState(McpServerStatus.Available, Functions(session.Tools), null, State.Starts));
            LogServerReady(logger, Name, IsStdio ? "stdio" : "http", session.Tools.Count);
            return await ServeAsync(session.Client, stop).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref client, null);
            await session.Client.DisposeAsync().ConfigureAwait(false);
        }
    }

    // Waits for the session's end, listing the tools again whenever the server says they changed.
    private async Task<string> ServeAsync(McpClient session, CancellationToken stop)
    {
        var completion = session.Completion;
        while (true)
        {
            var signal = signals.Reader.ReadAsync(stop).AsTask();
            var first = await Task.WhenAny(completion, signal).ConfigureAwait(false);
            if (stop.IsCancellationRequested)
            {
                return "stopped";
            }

            if (first == completion)
            {
                var details = await completion.ConfigureAwait(false);
                return details is StdioClientCompletionDetails { ExitCode: { } code } stdio ? $"exited with code {code}" + StandardErrorTail(stdio) : "closed the connection" + (details.Exception is { } ex ? ": " + Reason(ex) : string.Empty);
            }

            if (await signal.ConfigureAwait(false) == Signal.Broken)
            {
                // A stdio session ends when its process exits (the completion above says how); an HTTP session has
                // no process to watch, so a call failing on the wire is how its end shows.
                if (IsStdio)
                {
                    continue;
                }

                return "a call failed on the wire";
            }

            try
            {
                using var deadline = new CancellationTokenSource(McpConnector.StartTimeout(settings), time);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, deadline.Token);
                var tools = await McpConnector.ListAsync(session, linked.Token).ConfigureAwait(false);
                Publish(State with { Tools = Functions(tools) });
                LogToolsChanged(logger, Name, tools.Count);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return "stopped";
            }
            catch (Exception ex)
            {
                return "failed to list its tools: " + Reason(ex);
            }
        }
    }

    private List<McpToolFunction> Functions(IReadOnlyList<ModelContextProtocol.Protocol.Tool> tools) => [.. tools.Select(t => new McpToolFunction(this, t))];

    private void Publish(McpServerState next) => Volatile.Write(ref state, next);

    private void Drain()
    {
        while (signals.Reader.TryRead(out _))
        {
        }
    }

    private void StandardError(string line) => LogStandardError(logger, Name, line);

    internal static string Reason(Exception ex) => ex switch
    {
        ClientTransportClosedException { Details: StdioClientCompletionDetails { ExitCode: { } code } details } => $"the process exited with code {code}" + StandardErrorTail(details),
        _ => ex.InnerException is { } inner && ex.Message.Length == 0 ? inner.Message : ex.Message,
    };

    // The server's last words on stderr, shortened: what it said when it failed to start or died.
    private static string StandardErrorTail(StdioClientCompletionDetails details)
    {
        var last = details.StandardErrorTail?.LastOrDefault(l => !string.IsNullOrWhiteSpace(l))?.Trim();
        return last is null ? string.Empty : " (stderr: " + (last.Length > 200 ? last[..200] + "…" : last) + ")";
    }
}
