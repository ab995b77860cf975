using System.CommandLine;
using System.Text.Json;
using DingGate.Agent.Providers;

namespace DingGate.Cli.Plugins;

/// <summary>
/// <c>dinggate plugins list [--json]</c>: for users of OpenClaw's <c>plugins</c> command. DingGate has no plugins to
/// install: the DingTalk channel and the model providers are built in; this lists them.
/// </summary>
internal static class PluginsCommand
{
    private static readonly (string Kind, string Name, string Description)[] BuiltIn =
    [
        ("channel", "dingtalk", "DingTalk (钉钉) over the Stream protocol: markdown replies, AI cards, media, pairing (channels.dingtalk)"),
        ("model", ModelProviders.OpenAi, "OpenAI-compatible chat API: OpenAI, Qwen (DashScope compatible mode), DeepSeek, Ollama /v1, vLLM (models.<name>.provider)"),
        ("model", ModelProviders.Anthropic, "Anthropic Messages API (Claude)"),
        ("model", ModelProviders.Demo, "offline demo model: no key, shows what it received (the sandbox's default)"),
    ];

    public static Command Create(TextWriter output)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON." };
        var list = new Command("list", "List the built-in channels and model providers (nothing to install: they ship in the dinggate program).\nExit codes: 0; 2 bad command line.") { json };
        list.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(json))
            {
                var items = BuiltIn.Select(p => new Dictionary<string, string> { ["kind"] = p.Kind, ["name"] = p.Name, ["description"] = p.Description, ["status"] = "built-in" });
                await output.WriteLineAsync(JsonSerializer.Serialize(items));
                return ExitCodes.Ok;
            }

            await output.WriteLineAsync($"{"KIND",-8} {"NAME",-10} DESCRIPTION");
            foreach (var (kind, name, description) in BuiltIn)
            {
                await output.WriteLineAsync($"{kind,-8} {name,-10} {description}");
            }

            await output.WriteLineAsync("All built in: no npm or plugin install needed (OpenClaw's 'plugins install @…/dingtalk' has no equivalent).");
            return ExitCodes.Ok;
        });
        var command = new Command("plugins", "Built-in channels and model providers (for users of OpenClaw's plugins command).");
        command.Subcommands.Add(list);
        return command;
    }
}
