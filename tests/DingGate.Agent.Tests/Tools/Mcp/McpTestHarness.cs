using System.Collections.Concurrent;
using DingGate.Agent.Tools;
using DingGate.Agent.Tools.Mcp;
using DingGate.Core.Configuration;
using DingGate.DingTalk.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace DingGate.Agent.Tests.Tools.Mcp;

// A supervisor over real MCP test servers, on a fake clock (restart backoff and start timeouts), with its log lines recorded.
internal sealed class McpTestHarness : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private McpTestHarness(McpSupervisor supervisor, FakeTimeProvider time, RecordingLoggerProvider logs)
    {
        Supervisor = supervisor;
        Time = time;
        Logs = logs;
    }

    public McpSupervisor Supervisor { get; }

    public FakeTimeProvider Time { get; }

    public RecordingLoggerProvider Logs { get; }

    public static McpTestHarness Start(params (string Name, McpServerSettings Settings)[] servers)
    {
        var settings = new McpSettings();
        foreach (var (name, server) in servers)
        {
            settings.Servers[name] = server;
        }

        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));
        var logs = new RecordingLoggerProvider();
        var loggers = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        var supervisor = new McpSupervisor(settings, time, loggers);
        supervisor.Start();
        return new McpTestHarness(supervisor, time, logs);
    }

    public McpToolSource Source(string server) => Supervisor.Source(server);

    public async Task<McpToolSource> AvailableAsync(string server, int starts = 1)
    {
        var source = Source(server);
        await TestWait.UntilAsync(
            () => source.Server.State is { Status: McpServerStatus.Available } s && s.Starts >= starts,
            $"MCP server {server} available (start {starts}); last state {source.Server.State}",
            Patience);
        return source;
    }

    // Advances the fake clock a second at a time while the server waits out its backoff, until it is back.
    public async Task<McpToolSource> RestartedAsync(string server, int starts)
    {
        var source = Source(server);
        await TestWait.UntilAsync(
            () =>
            {
                var state = source.Server.State;
                if (state.Status == McpServerStatus.Unavailable)
                {
                    Time.Advance(TimeSpan.FromSeconds(1));
                }

                return state is { Status: McpServerStatus.Available } s && s.Starts >= starts;
            },
            $"MCP server {server} restarted (start {starts}); last state {source.Server.State}",
            Patience);
        return source;
    }

    public static AIFunction Tool(IToolSource source, string name) =>
        source.ToolsFor(null!).SingleOrDefault(t => t.Name == name) ?? throw new InvalidOperationException($"{source.Name} offers no tool {name}");

    public static async Task<string> CallAsync(AIFunction tool, params (string Key, object? Value)[] args)
    {
        var arguments = new AIFunctionArguments();
        foreach (var (key, value) in args)
        {
            arguments[key] = value;
        }

        return Assert.IsType<string>(await tool.InvokeAsync(arguments));
    }

    public async ValueTask DisposeAsync()
    {
        await Supervisor.DisposeAsync();
    }

    internal sealed class RecordingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<(LogLevel Level, string Category, string Message)> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Recorder(RecordingLoggerProvider owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Lines.Enqueue((logLevel, category, formatter(state, exception)));
        }
    }
}
