namespace DingGate.Core.Replies;

/// <summary>One piece of a streamed reply: <see cref="ReplyTextDelta"/>, <see cref="ReplyStatus"/> or <see cref="ReplyFile"/>.</summary>
public abstract record ReplyUpdate;
