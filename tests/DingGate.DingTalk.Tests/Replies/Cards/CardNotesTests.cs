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
        Assert.Equal(expected, CardNotes.Intermediate(new CardReplySnapshot(text, status, 1, null, null, null)));
}
