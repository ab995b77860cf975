using DingGate.Core.Configuration;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;

namespace DingGate.Agent.Tools.Mcp;

/// <summary>
/// The client transport of one configured server: a child process over stdio (<c>command</c>, <c>args</c>,
/// <c>env</c> on top of the gateway's environment, <c>cwd</c>) or streamable HTTP (<c>url</c>, <c>headers</c>).
/// <c>${ENV}</c> references were resolved by the config loader.
/// </summary>
internal static class McpTransports
{
    // How long a stdio server gets to exit after its stdin closes before it is killed.
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(2);

    public static IClientTransport Create(string name, McpServerSettings settings, TimeSpan startTimeout, Action<string> standardError, ILoggerFactory loggers)
    {
        if (settings.Url is { } url)
        {
            return new HttpClientTransport(
                new HttpClientTransportOptions
                {
                    Name = name,
                    Endpoint = url,
                    TransportMode = HttpTransportMode.StreamableHttp,
                    ConnectionTimeout = startTimeout,
                    AdditionalHeaders = new Dictionary<string, string>(settings.Headers, StringComparer.OrdinalIgnoreCase),
                },
                loggers);
        }

        var command = settings.Command ?? throw new InvalidOperationException($"MCP server {name} has neither command nor url");
        return new StdioClientTransport(
            new StdioClientTransportOptions
            {
                Name = name,
                Command = command,
                Arguments = [.. settings.Args],
                WorkingDirectory = string.IsNullOrWhiteSpace(settings.Cwd) ? null : settings.Cwd,
                EnvironmentVariables = settings.Env.ToDictionary(e => e.Key, e => (string?)e.Value, StringComparer.Ordinal),
                ShutdownTimeout = ShutdownTimeout,
                StandardErrorLines = standardError,
            },
            loggers);
    }
}
