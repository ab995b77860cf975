namespace DingGate.Agent.Tools;

/// <summary>Names of tool sources.</summary>
internal static class ToolSources
{
    /// <summary>The built-in DingTalk tools (<c>send_file</c>, <c>send_message</c>, <c>schedule</c>, <c>fetch_url</c>).</summary>
    public const string Builtin = "builtin";

    /// <summary>Prefix of an MCP server's source name: <c>mcp:&lt;server&gt;</c>.</summary>
    public const string McpPrefix = "mcp:";

    /// <summary>The source name of MCP server <paramref name="server"/>.</summary>
    public static string Mcp(string server) => McpPrefix + server;
}
