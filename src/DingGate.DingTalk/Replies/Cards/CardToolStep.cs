namespace DingGate.DingTalk.Replies.Cards;

/// <summary>One tool call of a card reply, as its step line shows it: the tool's name and where the call stands.</summary>
internal sealed record CardToolStep(string ToolName, CardToolStepOutcome Outcome);
