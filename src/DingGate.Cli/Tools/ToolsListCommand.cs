using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using DingGate.Agent;
using DingGate.Agent.Tools;
using DingGate.Cli.Config;
using DingGate.Core.Configuration;
using DingGate.Core.Configuration.Loading;
using DingGate.Core.Secrets;
using Microsoft.Extensions.DependencyInjection;

namespace DingGate.Cli.Tools;

/// <summary><c>dinggate tools list [--json] [--config path]</c>.</summary>
internal static class ToolsListCommand
{
    private const string Description = """
        List every tool by source: the built-in tools, then each MCP server's tools. Each enabled MCP server is
        started briefly (all at once, each for at most its startTimeoutMs, default 30 s) to list its tools, then
        stopped; a server that does not start is shown as unavailable with the reason, a disabled one as disabled.
        Each tool shows the agents that may use it (allow minus deny) and whether it runs only for owners.
        --json prints {"tools":[{"name","source","description","available","ownerOnly","agents"}],
        "servers":[{"name","source","transport","status","error","tools"}],"agents":[...]} (status: ok |
        unavailable | disabled; transport: stdio | http), documented in docs/agent.md.
        Exit codes: 0 listed (also when a server is unavailable; 'dinggate doctor' fails on it); 2 bad command line;
        78 invalid or missing configuration.
        """;

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create(TextWriter output, TextWriter error)
    {
        var config = ConfigCommand.ConfigOption();
        var json = new Option<bool>("--json") { Description = "Print the listing as JSON." };
        var command = new Command("list", Description) { config, json };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(config), parse.GetValue(json), output, error, cancellationToken));
        return command;
    }

    internal static async Task<int> RunAsync(string? configPath, bool json, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var source = ConfigSource.FromProcess(configPath);
        LoadedConfig loaded;
        try
        {
            loaded = new ConfigLoader().Load(source);
        }
        catch (ConfigException ex)
        {
            foreach (var problem in ex.Errors)
            {
                await error.WriteLineAsync($"error: {problem}".AsMemory(), cancellationToken);
            }

            await error.WriteLineAsync($"Configuration invalid: {source.Path} ({ex.Errors.Count} error(s))".AsMemory(), cancellationToken);
            return ExitCodes.Config;
        }

        var listing = await ToolInventory.BuildAsync(loaded.Config, Builtins(loaded.Config), TimeProvider.System, cancellationToken);

        // A server's error may quote what it printed: masked like every other output.
        var redactor = ConfigSecrets.Redactor(loaded.Config);
        listing = listing with { Servers = [.. listing.Servers.Select(s => s with { Error = s.Error is null ? null : redactor.Redact(s.Error) })] };
        await output.WriteLineAsync((json ? JsonSerializer.Serialize(listing, Json) : Text(listing)).AsMemory(), cancellationToken);
        return ExitCodes.Ok;
    }

    // The built-in tools as the agent registers them (AddAgent).
    private static List<IBuiltinTool> Builtins(DinggateConfig config)
    {
        using var services = new ServiceCollection().AddAgent(config).BuildServiceProvider();
        return [.. services.GetServices<IBuiltinTool>()];
    }

    private static string Text(ToolListing listing)
    {
        var lines = new List<string>();
        var builtins = listing.Tools.Where(t => t.Source == ToolSources.Builtin).ToList();
        lines.Add($"{ToolSources.Builtin} ({builtins.Count} tools)");
        lines.AddRange(builtins.Select(Line));
        foreach (var server in listing.Servers)
        {
            lines.Add(server.Status switch
            {
                "ok" => $"{server.Source} ({server.Transport}, {server.Tools} tools)",
                "disabled" => $"{server.Source} ({server.Transport}): disabled",
                _ => $"{server.Source} ({server.Transport}): unavailable: {server.Error}",
            });
            lines.AddRange(listing.Tools.Where(t => t.Source == server.Source).Select(Line));
        }

        lines.Add("agents: " + string.Join(", ", listing.Agents));
        return string.Join(Environment.NewLine, lines);
    }

    private static string Line(ToolListingTool tool)
    {
        var agents = tool.Agents.Count == 0 ? "no agent" : "agents: " + string.Join(", ", tool.Agents);
        var owner = tool.OwnerOnly ? "; owner-only" : string.Empty;
        var description = tool.Description.Length > 60 ? tool.Description[..57] + "..." : tool.Description;
        return $"  {tool.Name,-20} {agents}{owner}  {description}".TrimEnd();
    }
}
