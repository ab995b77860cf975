namespace DingGate.Core.Replies;

/// <summary>What the agent is doing before or between answer text (shown while the answer is not there yet, never kept in it).</summary>
/// <param name="Kind">Reasoning or a tool call.</param>
/// <param name="Text">Short human text, e.g. "searching the web".</param>
public sealed record ReplyStatus(ReplyStatusKind Kind, string Text) : ReplyUpdate;
