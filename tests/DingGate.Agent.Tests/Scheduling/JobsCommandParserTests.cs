using DingGate.Agent.Sessions.Commands;

namespace DingGate.Agent.Tests.Scheduling;

public sealed class JobsCommandParserTests
{
    [Theory]
    [InlineData("/jobs", false, null)]
    [InlineData("  /JOBS \n", false, null)]
    [InlineData("／任务", false, null)]
    [InlineData("/jobs remove k3x9m2", true, "k3x9m2")]
    [InlineData("/jobs rm k3x9m2", true, "k3x9m2")]
    [InlineData("/定时任务 删除 k3x9m2", true, "k3x9m2")]
    [InlineData("/jobs remove", true, null)]
    public void TryParse_JobsCommand_Recognised(string text, bool remove, string? id)
    {
        Assert.True(JobsCommandParser.TryParse(text, out var command));
        Assert.Equal(new JobsCommand(remove, id), command);
    }

    [Theory]
    [InlineData("jobs")]
    [InlineData("/jobs please list everything")]
    [InlineData("/jobs remove a b")]
    [InlineData("/jobsremove")]
    [InlineData("/")]
    [InlineData("")]
    public void TryParse_NotAJobsCommand_False(string text) => Assert.False(JobsCommandParser.TryParse(text, out _));
}
