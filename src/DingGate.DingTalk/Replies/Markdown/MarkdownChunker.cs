namespace DingGate.DingTalk.Replies.Markdown;

/// <summary>
/// Splits a long answer into messages of at most <see cref="DefaultLimit"/> characters at line boundaries; nothing is
/// lost (the chunks concatenate to the input).
/// </summary>
internal static class MarkdownChunker
{
    /// <summary>What a production DingTalk plugin sends per message (spec §4.1).</summary>
    public const int DefaultLimit = 3800;

    public static IReadOnlyList<string> Split(string text, int limit = DefaultLimit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var chunks = new List<string>();
        var start = 0;
        while (text.Length - start > limit)
        {
            var cut = text.LastIndexOf('\n', start + limit - 1, limit);
            var end = cut >= start ? cut + 1 : start + limit;
            chunks.Add(text[start..end]);
            start = end;
        }

        chunks.Add(text[start..]);
        return chunks;
    }
}
