using DingGate.Core.Configuration;

namespace DingGate.Tests.Shared;

/// <summary>
/// The stdio MCP test server (tests/DingGate.TestMcpServer, a real server on the official SDK) as an
/// <c>mcp.servers</c> entry: <c>dotnet &lt;its dll&gt;</c> from its own output folder, built in the same configuration
/// as the tests (the test projects reference it for build order only). Tools: echo, add, fail, slow, crash, env, pid,
/// add_tool. Linked into the test projects from tests/Shared.
/// </summary>
internal static class StdioTestMcpServer
{
    /// <summary>The server's dll.</summary>
    public static string Dll
    {
        get
        {
            // …/tests/<project>/bin/<Configuration>/<tfm>/
            var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = tfm.Parent?.Name ?? "Release";
            var dll = Path.Combine(RepositoryPaths.Root, "tests", "DingGate.TestMcpServer", "bin", configuration, tfm.Name, "DingGate.TestMcpServer.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException("The MCP test server is not built (tests/DingGate.TestMcpServer)", dll);
        }
    }

    /// <summary>The <c>dotnet</c> host running the tests (absolute, so PATH does not matter).</summary>
    public static string DotnetHost => Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";

    /// <summary>A stdio server entry running the test server, with <paramref name="env"/> added to its environment.</summary>
    public static McpServerSettings Settings(IDictionary<string, string>? env = null, int? startTimeoutMs = null)
    {
        var settings = new McpServerSettings { Command = DotnetHost, Args = [Dll], StartTimeoutMs = startTimeoutMs };
        foreach (var (key, value) in env ?? new Dictionary<string, string>())
        {
            settings.Env[key] = value;
        }

        return settings;
    }
}
