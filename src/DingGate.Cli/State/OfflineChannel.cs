using DingGate.Agent;
using DingGate.Agent.Sessions;
using DingGate.Agent.Tools.Builtin;
using DingGate.Cli.Gateway;
using DingGate.Core.Configuration.Loading;
using DingGate.DingTalk;
using Microsoft.Extensions.DependencyInjection;

namespace DingGate.Cli.State;

/// <summary>
/// The DingTalk channel of a configuration without running it (no stream is opened), for the verbs that call DingTalk
/// directly: <c>message send</c>, <c>channels status --probe</c>, <c>doctor</c>. Same composition as the gateway host.
/// </summary>
internal static class OfflineChannel
{
    public static ServiceProvider Services(LoadedConfig loaded) =>
        new ServiceCollection()
            .AddStateStorage(loaded.Config.Storage, loaded.StateDirectory)
            .AddDingTalk(new DingTalkChannelOptions { Settings = loaded.Config.Channels.Dingtalk!, StateDirectory = loaded.StateDirectory })
            .AddAgent(loaded.Config)
            .AddBuiltinTools(loaded.Config, loaded.StateDirectory)
            .AddAgentSessions(loaded.Config.Session, loaded.Config.MaxConcurrentTurns)
            .BuildServiceProvider();
}
