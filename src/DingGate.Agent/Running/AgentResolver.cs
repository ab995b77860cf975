using DingGate.Agent.Providers;
using DingGate.Core.Configuration;

namespace DingGate.Agent.Running;

// bindings → agents.<name> → models.<name>; agent "default" and model "default" unless named; no models at all → demo.
// Reads the live configuration at each call, so bindings, agents and models follow a reloaded config file.
internal sealed class AgentResolver(LiveConfig live)
{
    public const string DefaultName = "default";
    private const string Channel = "dingtalk";

    public ResolvedAgent Resolve(string accountId)
    {
        var config = live.Current;
        var bindings = config.Bindings.Where(b => string.Equals(b.Channel, Channel, StringComparison.OrdinalIgnoreCase)).ToList();
        var binding = bindings.FirstOrDefault(b => b.Account == accountId)
            ?? bindings.FirstOrDefault(b => b.Account is null or "*");
        var agentName = string.IsNullOrWhiteSpace(binding?.Agent) ? DefaultName : binding.Agent;
        if (!config.Agents.TryGetValue(agentName, out var agent))
        {
            agent = agentName == DefaultName
                ? new AgentSettings()
                : throw new ModelConfigurationException($"bindings: account '{accountId}' is bound to agent '{agentName}', which is not defined under agents.");
        }

        var modelName = string.IsNullOrWhiteSpace(agent.Model) ? DefaultName : agent.Model;
        if (config.Models.Count == 0)
        {
            return new ResolvedAgent(agentName, agent, modelName, new ModelSettings { Provider = ModelProviders.Demo });
        }

        return config.Models.TryGetValue(modelName, out var model)
            ? new ResolvedAgent(agentName, agent, modelName, model)
            : throw new ModelConfigurationException($"agents.{agentName}.model: model '{modelName}' is not defined under models (defined: {string.Join(", ", config.Models.Keys)}).");
    }
}
