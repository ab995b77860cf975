using DingGate.Core.Configuration;

namespace DingGate.Agent.Running;

// The agent answering a message and its model, after bindings and defaults.
internal sealed record ResolvedAgent(string AgentName, AgentSettings Agent, string ModelName, ModelSettings Model)
{
    public string Provider => (Model.Provider ?? string.Empty).Trim().ToLowerInvariant();

    public string ModelId => Model.Model ?? Provider;

    public bool SupportsImages => Model.SupportsImages ?? Provider != Providers.ModelProviders.Demo;

    // channels.dingtalk.groups.<cid>.systemPrompt of the group the message came from (null: none, or not a group).
    public string? GroupSystemPrompt { get; init; }

    // The agent's system prompt (or the default one), then the group's, after a blank line (as OpenClaw appends it).
    public string SystemPrompt
    {
        get
        {
            var own = string.IsNullOrWhiteSpace(Agent.SystemPrompt) ? Running.DefaultSystemPrompt.Text : Agent.SystemPrompt;
            return string.IsNullOrWhiteSpace(GroupSystemPrompt) ? own : own + "\n\n" + GroupSystemPrompt.Trim();
        }
    }
}
