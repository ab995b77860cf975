namespace DingGate.Agent.Sessions;

// How much history a turn sends to the model: at most MaxMessages messages and MaxChars characters.
internal sealed record HistoryBudget(int MaxMessages, int MaxChars)
{
    public static HistoryBudget Default { get; } = new(40, 24_000);
}
