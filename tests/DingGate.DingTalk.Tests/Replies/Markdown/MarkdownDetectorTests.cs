using DingGate.DingTalk.Replies.Markdown;

namespace DingGate.DingTalk.Tests.Replies.Markdown;

public sealed class MarkdownDetectorTests
{
    [Theory]
    [InlineData("# 标题\n内容")]
    [InlineData("intro\n## Section")]
    [InlineData("- one\n- two")]
    [InlineData("* star item")]
    [InlineData("1. first\n2. second")]
    [InlineData("> quoted")]
    [InlineData("```\ncode\n```")]
    [InlineData("~~~python\nx\n~~~")]
    [InlineData("| a | b |\n|---|:-:|\n| 1 | 2 |")]
    [InlineData("this is **bold** text")]
    [InlineData("this is *italic* text")]
    [InlineData("this is _italic_ too")]
    [InlineData("see [the docs](https://example.com)")]
    [InlineData("![logo](https://example.com/a.png)")]
    [InlineData("run `dotnet test` now")]
    [InlineData("~~struck~~ out")]
    [InlineData("above\n\n---\n\nbelow")]
    public void LooksLikeMarkdown_MarkdownSyntax_True(string text) => Assert.True(MarkdownDetector.LooksLikeMarkdown(text));

    [Theory]
    [InlineData("")]
    [InlineData("Hello, how are you today?")]
    [InlineData("5 * 3 = 15, and 2 * 4 = 8")]
    [InlineData("I rate it 5* overall")]
    [InlineData("The meeting - if it happens - is at 3.")]
    [InlineData("Mail me at first_name.last_name@example.com")]
    [InlineData("https://example.com/some_path/file_name?x=1&y=2")]
    [InlineData("你好，世界！今天天气怎么样？《三体》——很好看。")]
    [InlineData("snake_case_name is fine")]
    [InlineData("a|b is a pipe in prose")]
    [InlineData("#hashtag not a heading")]
    public void LooksLikeMarkdown_PlainProse_False(string text) => Assert.False(MarkdownDetector.LooksLikeMarkdown(text));
}
