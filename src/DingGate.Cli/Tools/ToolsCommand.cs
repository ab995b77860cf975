using System.CommandLine;

namespace DingGate.Cli.Tools;

/// <summary><c>dinggate tools list [--json]</c>: the tools the agents can call.</summary>
internal static class ToolsCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var command = new Command("tools", """
            The tools the agents can call: the built-in DingTalk tools and the tools of the MCP servers under
            mcp.servers, and which agents may use each (agents.<name>.tools.allow / deny; tools.ownerOnly).
            """);
        command.Subcommands.Add(ToolsListCommand.Create(output, error));
        return command;
    }
}
