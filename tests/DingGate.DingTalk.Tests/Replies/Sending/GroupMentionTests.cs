using DingGate.DingTalk.Replies.Sending;

namespace DingGate.DingTalk.Tests.Replies.Sending;

public sealed class GroupMentionTests
{
    [Theory]
    [InlineData("- a", true)]
    [InlineData("* a", true)]
    [InlineData("+ a", true)]
    [InlineData("12. a", true)]
    [InlineData("3) a", true)]
    [InlineData("# Title", true)]
    [InlineData("| a | b |\n|---|---|", true)]
    [InlineData("```\ncode\n```", true)]
    [InlineData("~~~\ncode\n~~~", true)]
    [InlineData("> quote", true)]
    [InlineData("    indented code", true)]
    [InlineData("\n- after a blank line", true)]
    [InlineData("收到，马上处理。", false)]
    [InlineData("**粗体** 开头", false)]
    [InlineData("-5 度", false)]
    [InlineData("2026. 年", true)]
    [InlineData("2026.年", false)]
    [InlineData("", false)]
    public void OpensWithBlock(string text, bool block) => Assert.Equal(block, GroupMention.OpensWithBlock(text));

    [Fact]
    public void Prefix_PlainTextOrInlineMarkdown_OnTheSameLine_BlockMarkdown_OnItsOwnLine()
    {
        Assert.Equal("@u1 好的", GroupMention.Prefix("u1", "好的", markdown: false));
        Assert.Equal("@u1 - 不是列表的文本", GroupMention.Prefix("u1", "- 不是列表的文本", markdown: false));
        Assert.Equal("@u1 **好的**", GroupMention.Prefix("u1", "**好的**", markdown: true));
        Assert.Equal("@u1\n\n- 一\n- 二", GroupMention.Prefix("u1", "- 一\n- 二", markdown: true));
        Assert.True(GroupMention.Prefix("u1", "# 标题", markdown: true).Length - "# 标题".Length <= GroupMention.Length("u1"));
    }
}
