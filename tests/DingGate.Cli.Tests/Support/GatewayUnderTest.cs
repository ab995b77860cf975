using DingGate.Agent.Providers;
using DingGate.Cli.Gateway;
using System.Text.Json.Nodes;
using DingGate.Core.Configuration;
using DingGate.Core.Sessions;
using DingGate.DingTalk.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DingGate.Cli.Tests.Support;

/// <summary>
/// The real gateway host (<see cref="GatewayHost.Build"/>: SQLite state in <c>stateDirectory</c>, DingTalk channel,
/// agent, sessions, drain) connected to an <see cref="EmulatorUnderTest"/> on its fake clock, the model replaced by a
/// <see cref="ScriptedChatClient"/> (or, <see cref="StartWithModelServerAsync"/>, the real provider against a model server). Started when returned (its stream connection is active in the emulator). A second
/// gateway on the same directory is a restart. Dispose stops it gracefully unless it was stopped or killed.
/// </summary>
internal sealed partial class GatewayUnderTest : IAsyncDisposable
{
    private IHost? _host;

    private GatewayUnderTest(IHost host, string connectionId)
    {
        _host = host;
        ConnectionId = connectionId;
    }

    /// <summary>The emulator's id of this gateway's stream connection.</summary>
    public string ConnectionId { get; }

    public IServiceProvider Services => (_host ?? throw new ObjectDisposedException(nameof(GatewayUnderTest))).Services;

    /// <summary>
    /// Builds and starts the gateway: the test app's account (api/oapi = the emulator, DMs and groups open, AI cards
    /// unless <paramref name="configure"/> says otherwise), one model "default" answered by <paramref name="model"/>.
    /// <paramref name="configureConfig"/> may change the rest of the configuration (agents, tools) and
    /// <paramref name="services"/> add services (tools) before the host is built.
    /// </summary>
    public static Task<GatewayUnderTest> StartAsync(
        EmulatorUnderTest emulator, string stateDirectory, ScriptedChatClient model, Action<DingTalkChannelSettings>? configure = null,
        TimeSpan? shutdownTimeout = null, Action<DinggateConfig>? configureConfig = null, Action<IServiceCollection>? services = null) =>
        StartCoreAsync(emulator, stateDirectory, model, null, configure, shutdownTimeout, configureConfig, services);

    /// <summary>
    /// As StartAsync with a scripted client, but the model "default" keeps its configured provider: the real <c>openai</c>
    /// provider talking to <paramref name="modelBaseUrl"/> (e.g. a <c>ScriptedOpenAiServer</c>), so tests see the wire request.
    /// </summary>
    /// <paramref name="configureConfig"/> edits the rest of the configuration (agents, tools); <paramref name="services"/>
    /// adds services (e.g. a test <c>IBuiltinTool</c>).
    public static Task<GatewayUnderTest> StartWithModelServerAsync(
        EmulatorUnderTest emulator, string stateDirectory, Uri modelBaseUrl, Action<DingTalkChannelSettings>? configure = null,
        Action<DinggateConfig>? configureConfig = null, Action<IServiceCollection>? services = null) =>
        StartCoreAsync(emulator, stateDirectory, null, modelBaseUrl, configure, null, configureConfig, services);

    private static async Task<GatewayUnderTest> StartCoreAsync(
        EmulatorUnderTest emulator, string stateDirectory, ScriptedChatClient? model, Uri? modelBaseUrl, Action<DingTalkChannelSettings>? configure,
        TimeSpan? shutdownTimeout, Action<DinggateConfig>? configureConfig = null, Action<IServiceCollection>? services = null)
    {
        var channel = new DingTalkChannelSettings
        {
            ClientId = EmulatorUnderTest.ClientId, ClientSecret = EmulatorUnderTest.ClientSecret, Name = "E2E Bot",
            Endpoints = new DingTalkEndpoints { Api = emulator.BaseUrl, Oapi = emulator.BaseUrl },
            DmPolicy = DmPolicy.Open, GroupPolicy = GroupPolicy.Open, MessageType = "card",
        };
        configure?.Invoke(channel);
        var config = new DinggateConfig();
        config.Models["default"] = new ModelSettings { Provider = "openai", BaseUrl = modelBaseUrl, Model = "scripted-model", ApiKey = "test-key" };
        config.Channels.Dingtalk = channel;
        configureConfig?.Invoke(config);
        Directory.CreateDirectory(stateDirectory);
        var settings = new GatewayHostSettings
        {
            Config = config,
            StateDirectory = stateDirectory,
            Time = emulator.Time ?? TimeProvider.System,
            ShutdownTimeout = shutdownTimeout ?? TimeSpan.FromSeconds(30),
            ConfigureServices = s =>
            {
                if (model is not null)
                {
                    s.AddSingleton<IChatClientProvider>(new ScriptedChatClientProvider(model));
                }

                services?.Invoke(s);
            },
        };
        var known = await emulator.ActiveConnectionsAsync();
        var host = GatewayHost.Build(settings);
        try
        {
            await host.StartAsync();
        }
        catch
        {
            // A refused start (e.g. a duplicate replica id) releases the state lock and the admin port.
            host.Dispose();
            throw;
        }

        var connection = await emulator.WaitForNewConnectionAsync(known);
        return new GatewayUnderTest(host, connection);
    }

    /// <summary>
    /// Waits until the session of the DM the emulator answered with <paramref name="injected"/> stores
    /// <paramref name="messages"/> history messages (a turn is over once its exchange is stored).
    /// </summary>
    public async Task WaitForDmHistoryAsync(JsonObject injected, int messages)
    {
        var key = new SessionKey(DingTalkChannelSettings.DefaultAccountId, "dm:" + (string)injected["payload"]!["senderId"]!);
        var store = Services.GetRequiredService<ISessionStore>();
        await TestWait.UntilAsync(
            async () => (await store.GetStatsAsync(key, CancellationToken.None)).Messages == messages, $"{messages} history messages in {key}");
    }

    /// <summary>A graceful stop (as Ctrl+C): no new messages, running answers finish or are finalized; then disposed.</summary>
    public async Task StopAsync()
    {
        if (_host is { } host)
        {
            _host = null;
            await host.StopAsync();
            await DisposeHostAsync(host);
        }
    }

    /// <summary>The process dies: the host is disposed without being stopped (no drain, nothing finishes gracefully).</summary>
    public async Task KillAsync()
    {
        if (_host is { } host)
        {
            _host = null;
            await DisposeHostAsync(host);
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private static async Task DisposeHostAsync(IHost host)
    {
        if (host is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync();
        }
        else
        {
            host.Dispose();
        }
    }
}
