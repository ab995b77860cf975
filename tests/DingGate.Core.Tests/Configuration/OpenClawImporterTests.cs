using System.Text.Json.Nodes;
using DingGate.Core.Configuration.Json5;
using DingGate.Core.Configuration.Loading;

namespace DingGate.Core.Tests.Configuration;

public sealed class OpenClawImporterTests
{
    private const string OpenClawJson = """
        {
          // an openclaw.json with other channels and settings around the DingTalk section
          agents: { defaults: { model: "anthropic/claude" } },
          channels: {
            telegram: { botToken: "123:abc" },
            dingtalk: {
              enabled: true,
              clientId: "dingxxx",
              clientSecret: "${DINGTALK_SECRET}",
              robotCode: "dingxxx",
              dmPolicy: "allowlist",
              allowFrom: ["user001"],
              messageType: "card",
              requireMention: true,
              accounts: { ops: { clientId: "dingops", clientSecret: "plain", corpId: "ding123", textChunkLimit: 2000 } },
            },
          },
        }
        """;

    [Fact]
    public void Import_ChannelsSection_KeepsKnownKeysAndValuesAsFound()
    {
        var warnings = new List<ConfigWarning>();

        var result = OpenClawImporter.Import(Json5Reader.Parse(OpenClawJson), warnings);

        var dingtalk = result["channels"]!["dingtalk"]!.AsObject();
        Assert.Equal(["enabled", "clientId", "clientSecret", "robotCode", "dmPolicy", "allowFrom", "messageType", "accounts"], dingtalk.Select(p => p.Key));
        Assert.Equal("${DINGTALK_SECRET}", (string?)dingtalk["clientSecret"]);
        Assert.Equal(["clientId", "clientSecret", "corpId"], dingtalk["accounts"]!["ops"]!.AsObject().Select(p => p.Key));
        Assert.Single(result);
        Assert.Single(result["channels"]!.AsObject());
        Assert.Equal(["channels.dingtalk.requireMention", "channels.dingtalk.accounts.ops.textChunkLimit"], warnings.Select(w => w.Path));
    }

    [Fact]
    public void Import_PluginStyleSection_IsUsedWhenNoChannelsSection()
    {
        var json = Json5Reader.Parse("""{ plugins: { entries: { dingtalk: { enabled: true, config: { clientId: "dingp", clientSecret: "s" } } } } }""");

        var result = OpenClawImporter.Import(json);

        Assert.Equal("dingp", (string?)result["channels"]!["dingtalk"]!["clientId"]);
    }

    [Fact]
    public void Import_NoDingTalkSection_ThrowsNamingWhereItLooked()
    {
        var error = Assert.Throws<ConfigException>(() => OpenClawImporter.Import(JsonNode.Parse("""{"channels":{"telegram":{}}}""")));

        Assert.Contains("plugins.entries.dingtalk.config", Assert.Single(error.Errors).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_ThenWrite_LoadsAsDingGateConfigWithSameValues()
    {
        var result = OpenClawImporter.Import(Json5Reader.Parse(OpenClawJson));
        using var files = new ConfigFiles();
        files.Environment["DINGTALK_SECRET"] = "from-env";

        var loaded = files.Load(Json5Writer.Write(result));

        var accounts = loaded.Config.Channels.Dingtalk!.Resolve();
        Assert.Equal(["ops"], accounts.Select(a => a.Id));
        Assert.Equal(("dingops", "plain", "card"), (accounts[0].ClientId, accounts[0].ClientSecret, accounts[0].MessageType));
        Assert.Equal("from-env", loaded.Config.Channels.Dingtalk.ClientSecret);
    }
}
