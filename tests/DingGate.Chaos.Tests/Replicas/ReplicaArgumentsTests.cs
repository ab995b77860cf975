using DingGate.Chaos.Replicas;

namespace DingGate.Chaos.Tests.Replicas;

public sealed class ReplicaArgumentsTests
{
    [Fact]
    public void Parse_ReplicasAlone_IsTheAcceptanceRun()
    {
        var (options, throughput, error) = ReplicaArguments.Parse(["--replicas", "3"]);

        Assert.Null(error);
        Assert.False(throughput);
        Assert.Equal((3, 1000, 200, ReplicaScenario.RestartMidRun, false), (options!.Replicas, options.Messages, options.Users, options.Scenario, options.Redis));
    }

    [Fact]
    public void Parse_KillForGood_SlowModelUnlessGiven()
    {
        var (slow, _, _) = ReplicaArguments.Parse(["--replicas", "3", "--kill-for-good", "--redis"]);
        var (given, _, _) = ReplicaArguments.Parse(["--replicas", "3", "--kill-for-good", "--model-ms", "500"]);

        Assert.Equal((ReplicaScenario.KillForGood, TimeSpan.FromSeconds(3), true), (slow!.Scenario, slow.ModelDelay, slow.Redis));
        Assert.Equal(TimeSpan.FromMilliseconds(500), given!.ModelDelay);
    }

    [Fact]
    public void Parse_Throughput_600MessagesAt50PerSecondAndNoKill()
    {
        var (options, throughput, _) = ReplicaArguments.Parse(["--throughput", "--markdown"]);
        var (_, _, error) = ReplicaArguments.Parse(["--throughput", "--kill-for-good"]);

        Assert.True(throughput);
        Assert.Equal((600, 50.0, true), (options!.Messages, options.Rate, options.MarkdownOnly));
        Assert.Contains("--kill-for-good", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Wants_OnlyTheReplicaOptions()
    {
        Assert.True(ReplicaArguments.Wants(["--replicas", "2"]));
        Assert.True(ReplicaArguments.Wants(["--throughput"]));
        Assert.False(ReplicaArguments.Wants(["--messages", "500", "--kills", "2"]));
    }
}
