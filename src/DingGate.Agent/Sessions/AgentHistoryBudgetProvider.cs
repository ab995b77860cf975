using DingGate.Agent.Providers;
using DingGate.Agent.Running;
using DingGate.Core.Inbound;

namespace DingGate.Agent.Sessions;

// The history budget of the agent bound to a message (agents.<name>.maxHistoryMessages / maxHistoryChars), defaults
// filling what the agent leaves out. A binding the resolver refuses gets the default: the turn reports that error itself.
internal sealed class AgentHistoryBudgetProvider(AgentResolver resolver) : IHistoryBudgetProvider
{
    public HistoryBudget For(InboundMessage message)
    {
        ResolvedAgent agent;
        try
        {
            agent = resolver.Resolve(message);
        }
        catch (ModelConfigurationException)
        {
            return HistoryBudget.Default;
        }

        return new HistoryBudget(
            agent.Agent.MaxHistoryMessages ?? HistoryBudget.Default.MaxMessages,
            agent.Agent.MaxHistoryChars ?? HistoryBudget.Default.MaxChars);
    }
}
