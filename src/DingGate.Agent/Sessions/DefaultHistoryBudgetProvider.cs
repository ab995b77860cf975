namespace DingGate.Agent.Sessions;

// The built-in budget for every account; the composition root may register one reading the agent settings instead.
internal sealed class DefaultHistoryBudgetProvider : IHistoryBudgetProvider
{
    public HistoryBudget For(string accountId) => HistoryBudget.Default;
}
