using DingGate.Cli.Gateway;
using DingGate.Core.Configuration;
using DingGate.Tests.Shared;

namespace DingGate.Cli.Tests.Support;

internal sealed partial class GatewayUnderTest
{
    /// <summary>
    /// Builds and starts the gateway as the <see cref="ScriptedChatClient"/> overload does, but the model "default" is the real <c>openai</c> provider talking to <paramref name="model"/> (real
    /// <c>tool_calls</c> on the wire); <paramref name="configureConfig"/> adds agents, tools and the like.
    /// </summary>
    public static async Task<GatewayUnderTest> StartAsync(
        EmulatorUnderTest emulator, string stateDirectory, ScriptedOpenAiServer model, Action<DinggateConfig>? configureConfig = null,
        Action<DingTalkChannelSettings>? configure = null)
    {
        var channel = new DingTalkChannelSettings
        {
            ClientId = EmulatorUnderTest.ClientId, ClientSecret = EmulatorUnderTest.ClientSecret, Name = "E2E Bot",
            Endpoints = new DingTalkEndpoints { Api = emulator.BaseUrl, Oapi = emulator.BaseUrl },
            DmPolicy = DmPolicy.Open, GroupPolicy = GroupPolicy.Open, MessageType = "card",
        };
        configure?.Invoke(channel);
        var config = new DinggateConfig();
        config.Models["default"] = new ModelSettings { Provider = "openai", Model = "scripted-model", ApiKey = "test-key", BaseUrl = model.BaseUrl };
        config.Channels.Dingtalk = channel;
        configureConfig?.Invoke(config);
        Directory.CreateDirectory(stateDirectory);
        var settings = new GatewayHostSettings
        {
            Config = config,
            StateDirectory = stateDirectory,
            Time = emulator.Time ?? TimeProvider.System,
            ShutdownTimeout = TimeSpan.FromSeconds(30),
        };
        var known = await emulator.ActiveConnectionsAsync();
        var host = GatewayHost.Build(settings);
        await host.StartAsync();
        var connection = await emulator.WaitForNewConnectionAsync(known);
        return new GatewayUnderTest(host, connection);
    }
}
