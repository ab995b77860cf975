using DingGate.Core.Inbound;

namespace DingGate.Agent.Sessions;

// The history budget of the agent answering a message (agents.<name>.maxHistoryMessages / maxHistoryChars).
internal interface IHistoryBudgetProvider
{
    HistoryBudget For(InboundMessage message);
}
