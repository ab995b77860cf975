using System.Text.Json.Nodes;
using DingGate.Cli.Tests.Support;

namespace DingGate.Cli.Tests.Operations;

public sealed class PluginsCommandTests
{
    [Fact]
    public async Task PluginsList_BuiltInChannelAndProviders()
    {
        var (code, output, _) = await CliRun.RunAsync("plugins", "list");

        Assert.Equal(0, code);
        Assert.Matches(@"(?m)^channel\s+dingtalk\s", output);
        Assert.Matches(@"(?m)^model\s+openai\s", output);
        Assert.Matches(@"(?m)^model\s+anthropic\s", output);
        Assert.Matches(@"(?m)^model\s+demo\s", output);
    }

    [Fact]
    public async Task PluginsList_Json_ParsesWithKinds()
    {
        var (code, output, _) = await CliRun.RunAsync("plugins", "list", "--json");

        var items = JsonNode.Parse(output)!.AsArray();
        Assert.Equal(0, code);
        Assert.Equal(["dingtalk", "openai", "anthropic", "demo"], items.Select(i => i!["name"]!.GetValue<string>()));
        Assert.All(items, i => Assert.Equal("built-in", i!["status"]!.GetValue<string>()));
    }
}
