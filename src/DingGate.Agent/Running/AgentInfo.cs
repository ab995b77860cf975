namespace DingGate.Agent.Running;

/// <summary>The agent and model answering an account.</summary>
internal sealed record AgentInfo(string AgentName, string Provider, string Model);
