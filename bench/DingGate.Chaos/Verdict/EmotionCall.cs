namespace DingGate.Chaos.Verdict;

/// <summary>A thinking-reaction call: <c>reply</c> (shown) or <c>recall</c> (taken back) on the user's message.</summary>
internal sealed record EmotionCall(string Action, string? OpenMsgId);
