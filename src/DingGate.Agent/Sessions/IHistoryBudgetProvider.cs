namespace DingGate.Agent.Sessions;

// The history budget of the agent answering an account (agents.<name>.maxHistoryMessages / maxHistoryChars).
internal interface IHistoryBudgetProvider
{
    HistoryBudget For(string accountId);
}
