using CsCheck;
using DingGate.DingTalk.Replies.Markdown;

namespace DingGate.DingTalk.Tests.Replies.Markdown;

public sealed class MarkdownChunkerPropertyTests
{
    private static readonly Gen<string> Word = Gen.OneOf<string>(
        "the", "answer", "is", "42,", "部署", "服务器", "，", "。", "😀", "👍🏽", "e\u0301", "`x`", "**b**", "a - b", "5 * 3",
        "```", "~~~", "``` not", "|", "\\", "https://example.com/a_b");

    private static readonly Gen<string> ProseLine = Gen.Select(Gen.OneOf<string>("Text", "中文", "- item", "1. step", "> quote", "# Title"), Word.Array[0, 12])
        .Select((head, words) => head + (words.Length == 0 ? string.Empty : " " + string.Join(' ', words)));

    private static readonly Gen<string> LongLine = Word.Array[100, 900].Select(words => "Long " + string.Join(' ', words));

    private static readonly Gen<string> Opener = Gen.Select(
            Gen.OneOf<string>(string.Empty, " ", "   "),
            Gen.OneOf<string>("```", "````", "~~~", "~~~~~"),
            Gen.OneOf<string>(string.Empty, "python", " c#", "json {.x}"))
        .Select((indent, run, info) => indent + run + info);

    private static readonly Gen<string> CodeLine = Gen.OneOf(
        Gen.OneOf<string>("x = 1", "    indented", "", "```python", "~~~", "```", "````", " ~~~~", "中文 = '😀'", "\t\tdeep"),
        Word.Array[0, 8].Select(w => "code " + string.Join(' ', w)),
        LongLine);

    // Lines longer than the limit never start like a fence: a fence whose opening line cannot be repeated is not kept
    // balanced (documented). Code lines may close the block early (" ~~~~" in a ~~~ block); what follows is then prose.
    // A fenced block: opening line, code lines (some look like fences of another kind), usually a proper close.
    private static readonly Gen<string> FencedBlock = Gen.Select(Opener, CodeLine.Array[0, 40], Gen.Int[0, 9], Gen.Int[0, 3])
        .Select((open, body, close, huge) =>
        {
            var lines = new List<string> { open };
            var repeat = huge == 0 ? 20 : 1;
            for (var r = 0; r < repeat; r++)
            {
                lines.AddRange(body);
            }

            var run = open.TrimStart()[0] == '`' ? new string('`', open.TrimStart().TakeWhile(c => c == '`').Count()) : new string('~', open.TrimStart().TakeWhile(c => c == '~').Count());
            if (close > 0)
            {
                lines.Add(close == 1 ? run + run[0] + "  " : run);
            }

            return string.Join('\n', lines);
        });

    private static readonly Gen<string> Table = Gen.Int[1, 5].Select(rows =>
        "| a | b |\n|---|:-:|\n" + string.Join('\n', Enumerable.Range(0, rows).Select(r => $"| {r} | 中文{r} |")));

    private static readonly Gen<string> Block = Gen.Frequency(
        (6, ProseLine),
        (3, Gen.Const(string.Empty)),
        (3, FencedBlock),
        (1, LongLine),
        (1, Table));

    private static readonly Gen<string> Markdown = Gen.Select(Block.Array[0, 30], Gen.OneOf<string>("\n", "\r\n"), Gen.Bool)
        .Select((blocks, newline, trailing) => string.Join(newline, blocks) + (trailing ? newline : string.Empty));

    private static readonly Gen<int> Limit = Gen.Frequency((3, Gen.Int[40, 400]), (1, Gen.Int[400, 4000]), (1, Gen.Const(MarkdownChunker.DefaultLimit)));

    [Fact]
    public void Split_MarkdownLikeText_ChunksFitAreBalancedAndJoinRestores() =>
        Gen.Select(Markdown, Limit).Sample((text, limit) =>
        {
            var chunks = MarkdownChunker.Split(text, limit);
            for (var i = 0; i < chunks.Count; i++)
            {
                Assert.True(chunks[i].Length <= limit && (chunks[i].Length > 0 || text.Length == 0), $"chunk {i} has {chunks[i].Length} chars, limit {limit}");
                var expectClosed = i < chunks.Count - 1 || FenceCounter.EndsClosed(text);
                Assert.True(FenceCounter.EndsClosed(chunks[i]) == expectClosed, $"chunk {i}/{chunks.Count} (limit {limit}) fences: {Show(chunks[i])}");
            }

            Assert.Equal(text, MarkdownChunker.Join(chunks));
        }, iter: 400);

    private static string Show(string chunk) => chunk.Length <= 600 ? chunk : chunk[..300] + " […] " + chunk[^300..];

    [Fact]
    public void Split_ShortText_IsTheSingleIdenticalChunk() =>
        Gen.Select(Markdown, Limit).Where((text, limit) => text.Length <= limit).Sample((text, limit) =>
        {
            var chunks = MarkdownChunker.Split(text, limit);
            return chunks.Count == 1 && chunks[0] == text;
        }, iter: 200);

    [Fact]
    public void Split_ArbitraryStrings_FitAndRoundTrip() =>
        Gen.Select(Gen.String, Gen.Int[2, 60]).Sample((text, limit) =>
        {
            var chunks = MarkdownChunker.Split(text, limit);
            return chunks.All(c => c.Length <= limit) && MarkdownChunker.Join(chunks) == text;
        }, iter: 2000);

    [Fact]
    public void Split_FenceAndEmojiSoup_FitsNeverCutsPairsAndRoundTrips() =>
        Gen.Select(Gen.OneOf<string>("`", "~", "\n", " ", "😀", "a", "|", "\r", "```", "~~~ ").Array[0, 400].Select(a => string.Concat(a)), Gen.Int[2, 60])
            .Sample((text, limit) =>
            {
                var chunks = MarkdownChunker.Split(text, limit);
                return chunks.All(c => c.Length <= limit && (c.Length == 0 || (!char.IsHighSurrogate(c[^1]) && !char.IsLowSurrogate(c[0])))) &&
                       MarkdownChunker.Join(chunks) == text;
            }, iter: 2000);
}
