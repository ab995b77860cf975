namespace DingGate.DingTalk.Replies.Cards;

/// <summary>
/// What a start did with the cards a previous run left open: finalized, forgotten (DingTalk refused: gone or finished),
/// kept for next time, left for the resumed answer to stream into.
/// </summary>
internal sealed record OpenCardRecoveryResult(int Finalized, int Forgotten, int Kept, int Resumed = 0);
