using DingGate.Core.Configuration;

namespace DingGate.Agent.Running;

// The agent answering an account and its model, after bindings and defaults.
internal sealed record ResolvedAgent(string AgentName, AgentSettings Agent, string ModelName, ModelSettings Model)
{
    public string Provider => (Model.Provider ?? string.Empty).Trim().ToLowerInvariant();

    public string ModelId => Model.Model ?? Provider;

    public bool SupportsImages => Model.SupportsImages ?? Provider != Providers.ModelProviders.Demo;
}
