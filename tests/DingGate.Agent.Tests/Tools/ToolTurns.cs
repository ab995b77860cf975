using DingGate.Agent.Running;
using DingGate.Agent.Tests.Support;
using DingGate.Agent.Tools;
using DingGate.Core.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DingGate.Agent.Tests.Tools;

// A runner against a scripted model with test tools, for the tool tests.
internal static class ToolTurns
{
    public static DinggateConfig Config(ScriptedModel model, string[] allow, string[]? deny = null, string[]? owners = null, Action<ToolsSettings>? tools = null)
    {
        var config = Runners.Config(model.Model);
        var agent = new AgentSettings();
        foreach (var a in allow)
        {
            agent.Tools.Allow.Add(a);
        }

        foreach (var d in deny ?? [])
        {
            agent.Tools.Deny.Add(d);
        }

        config.Agents["default"] = agent;
        var channel = new DingTalkChannelSettings();
        channel.Accounts["main"] = new DingTalkAccountSettings { ClientId = "ding-main", Owners = owners };
        config.Channels.Dingtalk = channel;
        tools?.Invoke(config.Tools);
        return config;
    }

    public static ServiceProvider Build(DinggateConfig config, IEnumerable<IBuiltinTool> builtins, IEnumerable<IToolSource>? sources = null, TimeProvider? time = null) =>
        Runners.Build(config, s =>
        {
            foreach (var tool in builtins)
            {
                s.AddSingleton<IBuiltinTool>(tool);
            }

            foreach (var source in sources ?? [])
            {
                s.AddSingleton<IToolSource>(source);
            }

            if (time is not null)
            {
                s.AddSingleton<TimeProvider>(time);
            }
        });

    public static Task<AgentAnswer> AskAsync(this ServiceProvider services, RecordingReplySink sink, string text = "q", CancellationToken cancellationToken = default) =>
        services.Runner().RunAsync(new AgentRequest(Messages.Text(text), []), sink, cancellationToken);
}
