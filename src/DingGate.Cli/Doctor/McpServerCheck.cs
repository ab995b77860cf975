using DingGate.Agent.Tools.Mcp;
using DingGate.Core.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace DingGate.Cli.Doctor;

/// <summary>
/// One check per MCP server under <c>mcp.servers</c> (<c>mcp:&lt;name&gt;</c>): an enabled server is started, asked
/// for its tools and stopped (all at once, each within its <c>startTimeoutMs</c>); it passes naming its tools, or
/// fails with the reason. A disabled server is skipped.
/// </summary>
internal static class McpServerCheck
{
    public static async Task<IReadOnlyList<DoctorCheck>> RunAsync(DinggateConfig config, TimeProvider time, CancellationToken cancellationToken)
    {
        var servers = config.Mcp.Servers.OrderBy(s => s.Key, StringComparer.Ordinal).ToList();
        return await Task.WhenAll(servers.Select(s => CheckAsync(s.Key, s.Value, time, cancellationToken)));
    }

    private static async Task<DoctorCheck> CheckAsync(string name, McpServerSettings settings, TimeProvider time, CancellationToken cancellationToken)
    {
        var check = "mcp:" + name;
        if (settings.Enabled == false)
        {
            return DoctorCheck.Skip(check, "disabled (mcp.servers." + name + ".enabled)");
        }

        var probe = await McpProbe.RunAsync(name, settings, time, NullLoggerFactory.Instance, cancellationToken);
        if (probe.Ok)
        {
            var tools = probe.Tools.Select(t => t.Name).Order(StringComparer.Ordinal).ToList();
            return DoctorCheck.Pass(check, $"{probe.Transport} server started, {tools.Count} tools: {string.Join(", ", tools)}");
        }

        var fix = settings.Url is null
            ? $"check mcp.servers.{name} (command, args, env, cwd): run the command by hand and see that it speaks MCP on stdin/stdout"
            : $"check mcp.servers.{name} (url, headers): the server must answer MCP over streamable HTTP at that URL";
        return DoctorCheck.Fail(check, $"MCP server {name} ({probe.Transport}) did not start: {probe.Error}", fix);
    }
}
