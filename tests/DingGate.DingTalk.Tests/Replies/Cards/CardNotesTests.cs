using DingGate.Core.Texts;
using DingGate.DingTalk.Replies.Cards;

namespace DingGate.DingTalk.Tests.Replies.Cards;

public sealed class CardNotesTests
{
    [Theory]
    [InlineData("Intro\n```cs\nvar x = 1;", null, "Intro\n```cs\nvar x = 1;\n```")]
    [InlineData("Intro\n```cs\nvar x = 1;\n```\nDone", null, "Intro\n```cs\nvar x = 1;\n```\nDone")]
    [InlineData("", "reading\nfiles", "> reading files")]
    [InlineData("", null, "")]
    [InlineData("Text", "ignored status", "Text")]
    public void Intermediate_State_CompleteMarkdownOrStatusQuote(string text, string? status, string expected) =>
        Assert.Equal(expected, CardNotes.Intermediate(new CardReplySnapshot(text, status, 1, null, null, null, []), BotLocale.ZhCn));

    [Fact]
    public void Intermediate_StepsAndReasoningStatusWithoutText_StepsAboveTheStatus()
    {
        var state = new CardReplySnapshot(
            string.Empty, "thinking", 1, null, null, null, [new CardToolStep("search", CardToolStepOutcome.Done), new CardToolStep("fetch_url", CardToolStepOutcome.Running)]);

        Assert.Equal("> ✅ search 完成  \n> 🔎 正在调用 fetch_url…\n\n> thinking", CardNotes.Intermediate(state, BotLocale.ZhCn));
    }

    [Fact]
    public void Intermediate_StepsAndOpenCodeFence_StepsAboveTheClosedFence() =>
        Assert.Equal(
            "> ⚠️ run 失败\n\n```sh\nls\n```",
            CardNotes.Intermediate(new CardReplySnapshot("```sh\nls", null, 1, null, null, null, [new CardToolStep("run", CardToolStepOutcome.Failed)]), BotLocale.ZhCn));

    [Fact]
    public void WithSummary_NoSteps_AnswerUnchanged() =>
        Assert.Equal("answer", CardStepNotes.WithSummary("answer", [], BotLocale.ZhCn));
}
