using DingGate.DingTalk.Replies.Markdown;

namespace DingGate.DingTalk.Tests.Replies.Markdown;

public sealed class ReplyTitleTests
{
    [Theory]
    [InlineData("# Deployment guide\nbody", "Deployment guide")]
    [InlineData("## 部署说明 ##\n", "部署说明")]
    [InlineData("\n\n> **Note**: read this", "Note: read this")]
    [InlineData("- [the docs](https://x.y) and `code`", "the docs and code")]
    [InlineData("1. ![logo](a.png) *intro*", "logo intro")]
    [InlineData("```python\nprint(1)\n```", "print(1)")]
    [InlineData("---\n\n__Summary__", "Summary")]
    [InlineData("~~~\n", "回复")]
    [InlineData("", "回复")]
    [InlineData("   \n**  **\n", "回复")]
    [InlineData("snake_case_value stays", "snake_case_value sta")]
    public void From_Markdown_StripsMarks(string text, string expected) => Assert.Equal(expected, ReplyTitle.From(text));

    [Fact]
    public void From_LongLine_CutsAtTwentyTextElements()
    {
        Assert.Equal("一二三四五六七八九十一二三四五六七八九十", ReplyTitle.From("一二三四五六七八九十一二三四五六七八九十一二三"));
        var emoji = string.Concat(Enumerable.Repeat("👍🏽", 25));
        Assert.Equal(string.Concat(Enumerable.Repeat("👍🏽", 20)), ReplyTitle.From(emoji));
        var combining = string.Concat(Enumerable.Repeat("e\u0301", 21));
        Assert.Equal(string.Concat(Enumerable.Repeat("e\u0301", 20)), ReplyTitle.From(combining));
    }

    [Fact]
    public void From_NothingLeft_UsesGivenFallback() => Assert.Equal("Answer", ReplyTitle.From("```\n", "Answer"));
}
