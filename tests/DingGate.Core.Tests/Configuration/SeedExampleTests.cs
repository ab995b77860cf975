using DingGate.Core.Configuration;

namespace DingGate.Core.Tests.Configuration;

// The seed's JSON5 examples, copied verbatim from docs/design.md §1 and the OpenClaw DingTalk channel reference.
public sealed class SeedExampleTests : IDisposable
{
    private const string DesignExample = """
        {
          models: { default: { provider: "openai", baseUrl: "https://dashscope.aliyuncs.com/compatible-mode/v1",
                               model: "qwen-plus", apiKey: "${DASHSCOPE_API_KEY}" } },
          channels: { dingtalk: {
            enabled: true, dmPolicy: "pairing", groupPolicy: "open", allowFrom: [], messageType: "card",
            maxConnectionAttempts: 10, initialReconnectDelay: 1000, maxReconnectDelay: 60000, reconnectJitter: 0.3,
            accounts: { main: { clientId: "dingxxx", clientSecret: "${DINGTALK_SECRET}", name: "My AI Assistant" } },
          } },
        }
        """;

    private const string OpenClawFileExample = """
        {
          channels: {
            dingtalk: {
              enabled: true,
              dmPolicy: "pairing",
              accounts: {
                main: {
                  clientId: "dingxxx",
                  clientSecret: "xxx",
                  agentId: "xxx",
                  corpId: "xxx",
                  name: "My AI Assistant",
                },
              },
            },
          },
        }
        """;

    private const string CardExample = """
        {
          messageType: 'card', // Enable AI interactive card mode
          cardTemplateId: '382e4302-551d-4880-bf29-a30acfab2e71.schema', // AI card template ID (default value)
          cardTemplateKey: 'msgContent', // Card content field key (default value: msgContent)
        }
        """;

    private readonly ConfigFiles _files = new();

    [Fact]
    public void Load_DesignExample_BindsEveryKeyWithEnvironmentSecrets()
    {
        _files.Environment["DASHSCOPE_API_KEY"] = "sk-dashscope";
        _files.Environment["DINGTALK_SECRET"] = "dt-secret";

        var loaded = _files.Load(DesignExample);

        var model = loaded.Config.Models["default"];
        Assert.Equal(("openai", "qwen-plus", "sk-dashscope"), (model.Provider, model.Model, model.ApiKey));
        Assert.Equal(new Uri("https://dashscope.aliyuncs.com/compatible-mode/v1"), model.BaseUrl);
        var account = Assert.Single(loaded.Config.Channels.Dingtalk!.Resolve());
        Assert.Equal(("main", "dingxxx", "dt-secret", "My AI Assistant"), (account.Id, account.ClientId, account.ClientSecret, account.Name));
        Assert.Equal((DmPolicy.Pairing, GroupPolicy.Open, "card"), (account.DmPolicy, account.GroupPolicy, account.MessageType));
        Assert.Equal((10, 1000.0, 60000.0, 0.3), (account.MaxConnectionAttempts, account.InitialReconnectDelay.TotalMilliseconds, account.MaxReconnectDelay.TotalMilliseconds, account.ReconnectJitter));
        Assert.Empty(loaded.Warnings);
    }

    [Fact]
    public void Load_OpenClawFileExample_LoadsWithLegacyKeyWarnings()
    {
        var loaded = _files.Load(OpenClawFileExample);

        var account = Assert.Single(loaded.Config.Channels.Dingtalk!.Resolve());
        Assert.Equal(("main", "dingxxx", "xxx", DmPolicy.Pairing), (account.Id, account.ClientId, account.ClientSecret, account.DmPolicy));
        Assert.Equal(["channels.dingtalk.accounts.main.agentId", "channels.dingtalk.accounts.main.corpId"], loaded.Warnings.Select(w => w.Path));
        Assert.All(loaded.Warnings, w => Assert.Contains("legacy", w.Message, StringComparison.Ordinal));
        Assert.Equal("xxx", loaded.Config.Channels.Dingtalk.Accounts["main"].CorpId);
    }

    [Fact]
    public void Load_CardExampleAsAccount_UsesTheCardTemplate()
    {
        var text = "{ channels: { dingtalk: { clientId: \"dingxxx\", clientSecret: \"xxx\", accounts: { main: " + CardExample + " } } } }";

        var loaded = _files.Load(text);

        var account = Assert.Single(loaded.Config.Channels.Dingtalk!.Resolve());
        Assert.Equal(("card", "382e4302-551d-4880-bf29-a30acfab2e71.schema", "msgContent"), (account.MessageType, account.CardTemplateId, account.CardTemplateKey));
        Assert.True(account.UsesCards);
        Assert.Empty(loaded.Warnings);
    }

    [Fact]
    public void Load_CardExampleAsWholeSection_OnlyTheMissingCredentialsAreErrors()
    {
        var error = _files.LoadFails("{ channels: { dingtalk: " + CardExample + " } }");

        Assert.Equal(["channels.dingtalk.clientId", "channels.dingtalk.clientSecret"], error.Errors.Select(e => e.Path));
    }

    public void Dispose() => _files.Dispose();
}
