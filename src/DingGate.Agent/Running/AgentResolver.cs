using DingGate.Agent.Providers;
using DingGate.Core.Configuration;
using DingGate.Core.Inbound;

namespace DingGate.Agent.Running;

// bindings → agents.<name> → models.<name>; agent "default" and model "default" unless named; no models at all → demo.
// The binding is the most specific that matches the message (AgentBindingMatcher: peer + account, peer, account, any
// account); a group's channels.dingtalk.groups.<cid>.systemPrompt comes along. Reads the live configuration at each
// call, so bindings, groups, agents and models follow a reloaded config file.
internal sealed class AgentResolver(LiveConfig live)
{
    public const string DefaultName = "default";

    public ResolvedAgent Resolve(InboundMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var config = live.Current;
        var binding = AgentBindingMatcher.Find(
            config.Bindings, message.AccountId, message.Conversation, message.ConversationId, message.Sender.StaffId ?? message.Sender.Id);
        var agentName = string.IsNullOrWhiteSpace(binding?.Agent) ? DefaultName : binding.Agent;
        if (!config.Agents.TryGetValue(agentName, out var agent))
        {
            agent = agentName == DefaultName
                ? new AgentSettings()
                : throw new ModelConfigurationException(
                    $"bindings: {Described(binding!)} is bound to agent '{agentName}', which is not defined under agents.");
        }

        var groupPrompt = message.Conversation == ConversationKind.Group
            ? DingTalkGroups.For(config, message.AccountId, message.ConversationId)?.SystemPrompt
            : null;
        var modelName = string.IsNullOrWhiteSpace(agent.Model) ? DefaultName : agent.Model;
        if (config.Models.Count == 0)
        {
            return new ResolvedAgent(agentName, agent, modelName, new ModelSettings { Provider = ModelProviders.Demo }) { GroupSystemPrompt = groupPrompt };
        }

        return config.Models.TryGetValue(modelName, out var model)
            ? new ResolvedAgent(agentName, agent, modelName, model) { GroupSystemPrompt = groupPrompt }
            : throw new ModelConfigurationException($"agents.{agentName}.model: model '{modelName}' is not defined under models (defined: {string.Join(", ", config.Models.Keys)}).");
    }

    private static string Described(AgentBinding binding) =>
        (binding.Account is null or "*" ? "every account" : $"account '{binding.Account}'") + (binding.Peer is null ? string.Empty : $", peer '{binding.Peer}'");
}
