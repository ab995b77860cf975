using DingGate.Core.Replies;

namespace DingGate.DingTalk.Replies.Media;

/// <summary>
/// A reply's files once prepared: <see cref="Appendix"/> is markdown to put after the answer (uploaded images as
/// <c>![name](mediaId)</c>, then a quoted note per file that cannot be sent); <see cref="FollowUps"/> are the other
/// files, sent as their own messages after the answer.
/// </summary>
internal sealed record ReplyFilesPlan(string Appendix, IReadOnlyList<OutboundFile> FollowUps)
{
    public static ReplyFilesPlan None { get; } = new(string.Empty, []);

    /// <summary>The answer with the appendix below it (the answer unchanged when there is none).</summary>
    public string AppendTo(string answer) =>
        Appendix.Length == 0 ? answer : answer.Trim().Length == 0 ? Appendix : answer.TrimEnd() + "\n\n" + Appendix;
}
