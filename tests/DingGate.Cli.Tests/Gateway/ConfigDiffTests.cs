using DingGate.Cli.Gateway.Reload;
using DingGate.Core.Configuration.Json5;

namespace DingGate.Cli.Tests.Gateway;

/// <summary>The changed paths a reload logs, and which of them need a restart (issue 16 item 6).</summary>
public sealed class ConfigDiffTests
{
    [Fact]
    public void Between_NamesChangedAddedAndRemovedPaths_NeverValues()
    {
        var before = Json5Reader.Parse("""
            { models: { default: { provider: "openai", model: "a", apiKey: "sk-old-1234" } },
              channels: { dingtalk: { dmPolicy: "open", allowFrom: ["u1"], accounts: { main: { clientSecret: "s1" } } } },
              storage: { retention: { journal: "7d" } } }
            """);
        var after = Json5Reader.Parse("""
            // a comment and new layout change nothing
            { models: { default: { provider: "openai", model: "b", apiKey: "sk-new-5678" },
                        other: { provider: "demo" } },
              channels: { dingtalk: { dmPolicy: "allowlist", allowFrom: ["u1", "u2"], accounts: { main: { clientSecret: "s1" } } } } }
            """);

        var changed = ConfigDiff.Between(before, after);

        Assert.Equal(
            ["channels.dingtalk.allowFrom", "channels.dingtalk.dmPolicy", "models.default.apiKey", "models.default.model", "models.other.provider", "storage.retention.journal"],
            changed);
    }

    [Fact]
    public void Between_SameSettingsDifferentFormatting_NothingChanged()
    {
        var before = Json5Reader.Parse("""{ gateway: { adminPort: 1 }, models: { default: { provider: "demo" } } }""");
        var after = Json5Reader.Parse("""
            {
              // reformatted
              models: { 'default': { provider: 'demo', }, },
              gateway: { adminPort: 1, },
            }
            """);

        Assert.Empty(ConfigDiff.Between(before, after));
    }

    [Theory]
    [InlineData("channels.dingtalk.dmPolicy", false)]
    [InlineData("channels.dingtalk.accounts.main.allowFrom", false)]
    [InlineData("channels.dingtalk.accounts.main.clientSecret", false)]
    [InlineData("channels.dingtalk.groups.cid1==.enabled", false)]
    [InlineData("channels.dingtalk.owners", false)]
    [InlineData("channels.dingtalk.locale", false)]
    [InlineData("models.default.apiKey", false)]
    [InlineData("agents.default.systemPrompt", false)]
    [InlineData("agents.default.tools.allow", false)]
    [InlineData("bindings", false)]
    [InlineData("tools.ownerOnly", false)]
    [InlineData("gateway.reload", false)]
    [InlineData("channels.dingtalk.debug", true)]
    [InlineData("channels.dingtalk.accounts.main.debug", true)]
    [InlineData("channels.dingtalk.accounts.main.quota.monthlyCalls", true)]
    [InlineData("channels.dingtalk.ipRateLimit", true)]
    [InlineData("agents.maxConcurrentTurns", true)]
    [InlineData("session.queueDepth", true)]
    [InlineData("session.scope", false)]
    [InlineData("storage.retention.journal", true)]
    [InlineData("coordination.redis", true)]
    [InlineData("gateway.adminPort", true)]
    [InlineData("gateway.stateDir", true)]
    [InlineData("gateway.logLevel", true)]
    [InlineData("gateway.admin.metricsAuth", true)]
    [InlineData("mcp.servers.docs.command", true)]
    [InlineData("mcp.servers.docs.ownerOnly", false)]
    [InlineData("tools.maxRounds", true)]
    [InlineData("tools.workspace.root", true)]
    [InlineData("attachments.maxParts", true)]
    public void NeedsRestart_OnlyWhatIsReadOnceAtStart(string path, bool restart) =>
        Assert.Equal(restart, ConfigDiff.NeedsRestart(path));
}
