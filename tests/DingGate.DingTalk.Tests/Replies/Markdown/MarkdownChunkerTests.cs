using System.Text;
using DingGate.DingTalk.Replies.Markdown;

namespace DingGate.DingTalk.Tests.Replies.Markdown;

public sealed class MarkdownChunkerTests
{
    [Fact]
    public void Split_ShortText_IsOneIdenticalChunk()
    {
        const string text = "# Hi\n\n```py\nx = 1\n```\n";
        Assert.Equal([text], MarkdownChunker.Split(text));
        Assert.Equal([string.Empty], MarkdownChunker.Split(string.Empty));
    }

    [Fact]
    public void Split_Paragraphs_CutsAfterBlankLine()
    {
        const string text = "aaaa aaaa\nbbbb\n\ncccc cccc\ndddd\n";
        var chunks = MarkdownChunker.Split(text, 24);
        Assert.Equal(["aaaa aaaa\nbbbb\n\n", "cccc cccc\ndddd\n"], chunks);
    }

    [Fact]
    public void Split_FenceThatFitsWhole_MovesToNextChunk()
    {
        const string text = "intro line\n```js\nlet a = 1;\nlet b = 2;\n```\nafter\n";
        var chunks = MarkdownChunker.Split(text, 40);
        Assert.Equal(["intro line\n", "```js\nlet a = 1;\nlet b = 2;\n```\nafter\n"], chunks);
    }

    [Fact]
    public void Split_LongFence_ClosesAndReopensWithInfoString()
    {
        const string text = "```python\nline one\nline two\nline three\nline four\n```\n";
        var chunks = MarkdownChunker.Split(text, 34);
        Assert.Equal(
            ["```python\nline one\nline two\n```", "```python\nline three\n```", "```python\nline four\n```\n"],
            chunks);
        Assert.All(chunks, c => Assert.True(c.Length <= 34));
        Assert.Equal(text, MarkdownChunker.Join(chunks));
    }

    [Fact]
    public void Split_TildeFenceWithLongLine_CutsInsideLineAndMarksTheAddedNewline()
    {
        var text = "~~~~\n" + new string('x', 30) + "\n~~~~\n";
        var chunks = MarkdownChunker.Split(text, 20);
        Assert.Equal("~~~~\n" + new string('x', 9) + "\n~~~~ ", chunks[0]);
        Assert.All(chunks, c => Assert.True(c.Length <= 20));
        Assert.All(chunks, c => Assert.True(FenceCounter.EndsClosed(c), c));
        Assert.Equal(text, MarkdownChunker.Join(chunks));
    }

    [Fact]
    public void Split_LongLineOfEmoji_NeverCutsASurrogatePair()
    {
        var text = string.Concat(Enumerable.Repeat("😀", 25));
        var chunks = MarkdownChunker.Split(text, 9);
        Assert.All(chunks, c => Assert.True(c.Length <= 9 && !char.IsLowSurrogate(c[0]) && !char.IsHighSurrogate(c[^1])));
        Assert.Equal(text, string.Concat(chunks));
    }

    [Fact]
    public void Split_TenThousandCharacterAnswerWithFences_ChunksBalancedAndJoinRestores()
    {
        var answer = TenThousandCharacterAnswer();
        Assert.InRange(answer.Length, 10_000, 10_500);

        var chunks = MarkdownChunker.Split(answer);

        Assert.True(chunks.Count >= 3);
        Assert.All(chunks, c => Assert.True(c.Length <= MarkdownChunker.DefaultLimit));
        Assert.All(chunks, c => Assert.True(FenceCounter.EndsClosed(c)));
        Assert.Equal(answer, MarkdownChunker.Join(chunks));
        // The 5 000-character block had to be split: some chunk starts by reopening it.
        Assert.Contains(chunks, c => c.StartsWith("```csharp\n", StringComparison.Ordinal) && !c.StartsWith("```csharp\n// block 3", StringComparison.Ordinal));
    }

    [Fact]
    public void Split_HundredKilobytes_RoundTripsWithinTheLimit()
    {
        var sb = new StringBuilder();
        while (sb.Length < 100_000)
        {
            sb.Append(TenThousandCharacterAnswer());
        }

        var text = sb.ToString();
        var chunks = MarkdownChunker.Split(text);
        var joined = MarkdownChunker.Join(chunks);
        Assert.Equal(text, joined);
        Assert.All(chunks, c => Assert.True(c.Length <= MarkdownChunker.DefaultLimit));
    }

    [Fact]
    public void Join_WithoutSplitFences_IsConcatenation() =>
        Assert.Equal("a\n```\nb\n```\nc", MarkdownChunker.Join(["a\n```\nb\n```\n", "c"]));

    internal static string TenThousandCharacterAnswer()
    {
        var sb = new StringBuilder();
        sb.Append("# 部署说明\n\n");
        for (var p = 0; p < 12; p++)
        {
            sb.Append('第').Append(p).Append("段：这是一个比较长的段落，用来测试分段。Some English text follows here to make it longer. 😀\n");
            sb.Append("More prose on a second line of the paragraph, with `inline code` and **bold**.\n\n");
            if (p == 3)
            {
                sb.Append("```python\n");
                for (var i = 0; i < 20; i++)
                {
                    sb.Append("print('line ").Append(i).Append("')\n");
                }

                sb.Append("```\n\n");
            }

            if (p == 6)
            {
                sb.Append("```csharp\n// block 3\n");
                for (var i = 0; sb.Length < 8200; i++)
                {
                    sb.Append("var value").Append(i).Append(" = Compute(").Append(i).Append(", \"中文\");\n");
                }

                sb.Append("```\n\n");
            }

            if (p == 9)
            {
                sb.Append("~~~\n```not a closer for tildes\n~~~\n\n");
            }
        }

        while (sb.Length < 10_000)
        {
            sb.Append("Closing words. ");
        }

        return sb.ToString();
    }
}
