using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace DingGate.TestMcpServer;

/// <summary>The tools of the stdio test server.</summary>
[McpServerToolType]
internal sealed class TestTools
{
    [McpServerTool(Name = "echo"), Description("Returns the text it was given, prefixed with 'echo: '.")]
    public static string Echo([Description("The text to echo.")] string text) => "echo: " + text;

    [McpServerTool(Name = "add"), Description("Adds two integers.")]
    public static int Add(int a, int b) => a + b;

    [McpServerTool(Name = "fail"), Description("Always throws.")]
    public static string Fail() => throw new InvalidOperationException("the fail tool failed on purpose");

    [McpServerTool(Name = "slow"), Description("Sleeps for the given milliseconds, then answers 'slept'.")]
    public static async Task<string> Slow(int ms, CancellationToken cancellationToken)
    {
        await Task.Delay(ms, cancellationToken);
        return "slept " + ms;
    }

    [McpServerTool(Name = "crash"), Description("Ends the server process at once.")]
    public static string Crash()
    {
        Environment.Exit(3);
        return "unreachable";
    }

    [McpServerTool(Name = "env"), Description("Returns the value of an environment variable of the server process.")]
    public static string Env(string name) => Environment.GetEnvironmentVariable(name) ?? "(unset)";

    [McpServerTool(Name = "pid"), Description("Returns the server's process id.")]
    public static int Pid() => Environment.ProcessId;

    [McpServerTool(Name = "add_tool"), Description("Adds a tool named <name> that answers <answer>; the server announces the change.")]
    public static async Task<string> AddTool(McpServer server, string name, string answer, CancellationToken cancellationToken)
    {
        var tools = server.ServerOptions.ToolCollection ?? throw new InvalidOperationException("no tool collection");
        tools.Add(McpServerTool.Create(() => answer, new McpServerToolCreateOptions { Name = name, Description = "Added at run time." }));
        await server.SendNotificationAsync(NotificationMethods.ToolListChangedNotification, cancellationToken);
        return "added " + name;
    }
}
