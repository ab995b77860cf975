using DingGate.TestMcpServer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// A stdio MCP server for the tests: stdout carries the protocol, so every log line goes to stderr.
var builder = Host.CreateEmptyApplicationBuilder(settings: null);
builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
builder.Services
    .AddMcpServer(o => o.ServerInfo = new() { Name = "dinggate-test-mcp", Version = "1.0.0" })
    .WithStdioServerTransport()
    .WithTools<TestTools>();
await builder.Build().RunAsync();
