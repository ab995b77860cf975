namespace DingGate.Core.Replies;

/// <summary>Answer text to append (markdown).</summary>
/// <param name="Text">The new characters.</param>
public sealed record ReplyTextDelta(string Text) : ReplyUpdate;
