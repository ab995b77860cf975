using System.ComponentModel;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Server;

namespace DingGate.Tests.Shared;

/// <summary>
/// A real streamable HTTP MCP server (ModelContextProtocol.AspNetCore, Kestrel on 127.0.0.1:0) with the tools
/// <c>lookup</c> (answers "&lt;key&gt; is 42") and <c>shout</c> (upper-cases its text). Records the headers of every
/// request it receives (<see cref="Headers"/>). Linked into the test projects from tests/Shared.
/// </summary>
internal sealed class HttpTestMcpServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly List<Dictionary<string, string>> _headers = [];

    private HttpTestMcpServer(WebApplication app) => _app = app;

    /// <summary>The MCP endpoint (<c>http://127.0.0.1:&lt;port&gt;/mcp</c>).</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>Every request's headers so far (names lower-cased), in arrival order.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Headers
    {
        get
        {
            lock (_gate)
            {
                return [.. _headers];
            }
        }
    }

    public static async Task<HttpTestMcpServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services
            .AddMcpServer(o => o.ServerInfo = new() { Name = "dinggate-test-http-mcp", Version = "1.0.0" })
            .WithHttpTransport()
            .WithTools<HttpTestTools>();
        var app = builder.Build();
        var server = new HttpTestMcpServer(app);
        app.Use(async (context, next) =>
        {
            var seen = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.Ordinal);
            lock (server._gate)
            {
                server._headers.Add(seen);
            }

            await next(context);
        });
        app.MapMcp("/mcp");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Url = new Uri(address.TrimEnd('/') + "/mcp");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    [McpServerToolType]
    private sealed class HttpTestTools
    {
        [McpServerTool(Name = "lookup"), Description("Looks a key up in the company directory.")]
        public static string Lookup([Description("The key.")] string key) => key + " is 42";

        [McpServerTool(Name = "shout"), Description("Upper-cases its text.")]
        public static string Shout(string text) => text.ToUpperInvariant();
    }
}
