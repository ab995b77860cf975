using DingGate.Agent.Sessions.Commands;

namespace DingGate.Agent.Tests.Sessions;

public sealed class SessionCommandParserTests
{
    [Theory]
    [InlineData("/new", nameof(SessionCommand.New))]
    [InlineData("  /RESET \n", nameof(SessionCommand.Reset))]
    [InlineData("/Stop", nameof(SessionCommand.Stop))]
    [InlineData("／status", nameof(SessionCommand.Status))]
    [InlineData("/help", nameof(SessionCommand.Help))]
    [InlineData("/WhoAmI", nameof(SessionCommand.WhoAmI))]
    [InlineData("/新对话", nameof(SessionCommand.New))]
    [InlineData("/停止", nameof(SessionCommand.Stop))]
    public void TryParse_Command_Recognised(string text, string expected)
    {
        Assert.True(SessionCommandParser.TryParse(text, out var command));
        Assert.Equal(Enum.Parse<SessionCommand>(expected), command);
    }

    [Theory]
    [InlineData("new")]
    [InlineData("/help me write a letter")]
    [InlineData("/")]
    [InlineData("")]
    [InlineData("/unknown")]
    [InlineData("please /stop")]
    public void TryParse_NotACommand_False(string text)
    {
        Assert.False(SessionCommandParser.TryParse(text, out _));
    }
}
