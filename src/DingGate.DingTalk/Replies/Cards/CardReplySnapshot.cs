using DingGate.Core.Replies;

namespace DingGate.DingTalk.Replies.Cards;

/// <summary>A consistent read of <see cref="CardReplyState"/>; <paramref name="Steps"/>: the tool calls so far, oldest first.</summary>
internal sealed record CardReplySnapshot(
    string Text, string? Status, long Version, DateTimeOffset? FirstWriteAt, ReplyEnd? End, string? Note, IReadOnlyList<CardToolStep> Steps);
