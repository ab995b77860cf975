using DingGate.Core.Configuration;
using DingGate.Core.Configuration.Loading;

namespace DingGate.Core.Tests.Configuration;

public sealed class ConfigValidatorTests
{
    [Fact]
    public void Validate_CodeBuiltValidConfig_NoErrors()
    {
        var config = new DinggateConfig();
        config.Models["default"] = new ModelSettings { Provider = "openai", Model = "qwen-plus", BaseUrl = new Uri("http://127.0.0.1:11434/v1") };
        config.Channels.Dingtalk = new DingTalkChannelSettings { ClientId = "a", ClientSecret = "b" };
        config.Bindings.Add(new AgentBinding { Account = "default" });

        Assert.Empty(ConfigValidator.Validate(config));
    }

    [Fact]
    public void Validate_CodeBuiltBadValues_PathValueAndAllowedValues()
    {
        var config = new DinggateConfig();
        config.Models["m"] = new ModelSettings { Provider = "gemini", BaseUrl = new Uri("ftp://example.com/") };
        config.Channels.Dingtalk = new DingTalkChannelSettings { ClientId = "a", ClientSecret = "b", ReconnectJitter = -0.1, MessageType = "Card" };

        var errors = ConfigValidator.Validate(config);

        Assert.Equal(
            [
                new ConfigError("models.m.provider", "\"gemini\"", "must be one of openai | anthropic | demo"),
                new ConfigError("models.m.baseUrl", "\"ftp://example.com/\"", "must be an absolute http:// or https:// URL"),
                new ConfigError("channels.dingtalk.messageType", "\"Card\"", "must be one of markdown | card"),
                new ConfigError("channels.dingtalk.reconnectJitter", "-0.1", "must be between 0 and 1"),
            ],
            errors);
    }

    [Fact]
    public void Validate_DisabledAccountWithoutCredentials_IsAccepted()
    {
        var config = new DinggateConfig { Channels = new ChannelsSettings { Dingtalk = new DingTalkChannelSettings { Enabled = false } } };

        Assert.Empty(ConfigValidator.Validate(config));
    }

    [Fact]
    public void Load_InvalidConfig_ExceptionAlsoCarriesWarnings()
    {
        using var files = new ConfigFiles();

        var error = files.LoadFails("""{ extra: 1, session: { queueDepth: 0 } }""");

        Assert.Equal("extra", Assert.Single(error.Warnings).Path);
        Assert.Equal("session.queueDepth", Assert.Single(error.Errors).Path);
    }
}
