using DingGate.Core.Replies;

namespace DingGate.DingTalk.Replies;

/// <summary>The honest notes added to a reply that did not finish normally, and the text shown for an empty answer.</summary>
internal static class ReplyNotes
{
    public const string EmptyAnswer = "（没有生成回答）";
    public const string Stopped = "⏹ 已停止生成";
    public const string Interrupted = "⚠️ 回答被中断（网关停止或重启），稍后会重新回答。";
    public const string Failed = "❌ 回答出错";

    /// <summary>
    /// Above a part re-sent after an ambiguous failure (DingTalk answered 5xx or the call timed out, so the user may
    /// already have it): the repeat is never silent.
    /// </summary>
    public const string PossibleRepeat = "（网络异常后重发，如已收到请忽略）";

    /// <summary>To the sender of a message given up after it stopped the gateway each time it was handled.</summary>
    public const string GivenUp = "❌ 抱歉，这条消息多次处理都没有完成（网关在处理时停止），已放弃处理。请换个方式再发一次。";

    /// <summary><paramref name="text"/> with the note of <paramref name="end"/> below it (as a quote line).</summary>
    public static string Apply(string text, ReplyEnd end, string? note)
    {
        var line = end switch
        {
            ReplyEnd.Stopped => Stopped,
            ReplyEnd.Interrupted => Interrupted,
            ReplyEnd.Failed => note is { Length: > 0 } ? $"{Failed}：{note}" : Failed,
            _ => null,
        };
        if (line is null)
        {
            return text.Length > 0 ? text : EmptyAnswer;
        }

        return text.Length > 0 ? text.TrimEnd() + "\n\n> " + line : "> " + line;
    }
}
