namespace DingGate.DingTalk.Replies.Cards;

/// <summary>What a start did with the cards a previous run left open: finalized, forgotten (DingTalk refused: gone or finished), kept for next time.</summary>
internal sealed record OpenCardRecoveryResult(int Finalized, int Forgotten, int Kept);
