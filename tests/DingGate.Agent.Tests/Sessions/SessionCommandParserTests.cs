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
    [InlineData(" 停止 ", nameof(SessionCommand.Stop))]
    [InlineData("/重置", nameof(SessionCommand.Reset))]
    [InlineData("／状态", nameof(SessionCommand.Status))]
    [InlineData("/帮助", nameof(SessionCommand.Help))]
    [InlineData("/我是谁", nameof(SessionCommand.WhoAmI))]
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
    [InlineData("stop")]
    [InlineData("停止生成这个报告")]
    [InlineData("/停止 一下")]
    [InlineData("/批准 ABCD1234")]
    public void TryParse_NotACommand_False(string text)
    {
        Assert.False(SessionCommandParser.TryParse(text, out _));
    }
}
