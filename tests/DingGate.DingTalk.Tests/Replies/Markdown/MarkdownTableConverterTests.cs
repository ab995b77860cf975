using DingGate.DingTalk.Replies.Markdown;

namespace DingGate.DingTalk.Tests.Replies.Markdown;

public sealed class MarkdownTableConverterTests
{
    [Fact]
    public void Convert_SimpleTable_BecomesOneItemPerRow()
    {
        const string text = "结果如下：\n\n| Name | Age |\n|------|-----|\n| Ann | 31 |\n| Bob | 42 |\n\nDone.";
        Assert.Equal("结果如下：\n\n- **Name**: Ann · **Age**: 31\n- **Name**: Bob · **Age**: 42\n\nDone.", MarkdownTableConverter.Convert(text));
    }

    [Fact]
    public void Convert_AlignmentRowWithoutOuterPipes_IsRecognised()
    {
        const string text = "a | b | c\n:-- | :-: | --:\n1 | 2 | 3\n";
        Assert.Equal("- **a**: 1 · **b**: 2 · **c**: 3\n", MarkdownTableConverter.Convert(text));
    }

    [Fact]
    public void Convert_EscapedPipe_StaysInTheCell()
    {
        const string text = "| expr | meaning |\n|---|---|\n| a \\| b | a or b |";
        Assert.Equal("- **expr**: a \\| b · **meaning**: a or b", MarkdownTableConverter.Convert(text));
    }

    [Fact]
    public void Convert_CjkEmptyAndExtraCells_SkipsEmptyIgnoresExtra()
    {
        const string text = "| 城市 | 人口 | 备注 |\n| :--- | ---: | --- |\n| 北京 | 2189万 | |\n| 上海 | | 直辖市 | 多余 |\n| | | |\n";
        Assert.Equal("- **城市**: 北京 · **人口**: 2189万\n- **城市**: 上海 · **备注**: 直辖市\n", MarkdownTableConverter.Convert(text));
    }

    [Fact]
    public void Convert_EmptyHeaderCell_ShowsCellWithoutLabel()
    {
        const string text = "| | Q1 |\n|---|---|\n| Sales | 10 |\n";
        Assert.Equal("- Sales · **Q1**: 10\n", MarkdownTableConverter.Convert(text));
    }

    [Fact]
    public void Convert_HeaderOnlyTable_BecomesHeaderList()
    {
        const string text = "| Step | Owner |\n|---|---|\n";
        Assert.Equal("- **Step**\n- **Owner**\n", MarkdownTableConverter.Convert(text));
    }

    [Fact]
    public void Convert_TableFollowedByText_AddsBlankLineSoTextIsNotInTheList()
    {
        const string text = "| k | v |\n|---|---|\n| x | 1 |\nNext paragraph.\n";
        Assert.Equal("- **k**: x · **v**: 1\n\nNext paragraph.\n", MarkdownTableConverter.Convert(text));
    }

    [Fact]
    public void Convert_CrLfTable_KeepsCrLf()
    {
        const string text = "| k | v |\r\n|---|---|\r\n| x | 1 |\r\n| y | 2 |\r\n";
        Assert.Equal("- **k**: x · **v**: 1\r\n- **k**: y · **v**: 2\r\n", MarkdownTableConverter.Convert(text));
    }

    [Fact]
    public void Convert_TableInsideFence_IsUnchanged()
    {
        const string text = "```markdown\n| a | b |\n|---|---|\n| 1 | 2 |\n```\n~~~\n| c | d |\n| - | - |\n~~~\n";
        Assert.Equal(text, MarkdownTableConverter.Convert(text));
    }

    [Fact]
    public void Convert_TableAfterFence_IsConverted()
    {
        const string text = "```\n| a | b |\n```\n| a | b |\n|---|---|\n| 1 | 2 |";
        Assert.Equal("```\n| a | b |\n```\n- **a**: 1 · **b**: 2", MarkdownTableConverter.Convert(text));
    }

    [Theory]
    [InlineData("no table here | just a pipe\n---\ntext")]
    [InlineData("| a | b |\n|---|---|---|\n| 1 | 2 |")]
    [InlineData("| a | b |\n| x | y |\n")]
    [InlineData("    | a | b |\n    |---|---|\n")]
    [InlineData("Title\n---\n")]
    [InlineData("")]
    public void Convert_NotATable_IsUnchanged(string text) => Assert.Equal(text, MarkdownTableConverter.Convert(text));
}
