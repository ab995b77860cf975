using DingGate.Core.Inbound;

namespace DingGate.Agent.Sessions;

// The built-in budget for every message; the composition root may register one reading the agent settings instead.
internal sealed class DefaultHistoryBudgetProvider : IHistoryBudgetProvider
{
    public HistoryBudget For(InboundMessage message) => HistoryBudget.Default;
}
