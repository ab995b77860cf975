using DingGate.Chaos.Replicas;
using DingGate.Chaos.Tests.Support;
using DingGate.Chaos.Verdict;
using Xunit.Abstractions;

namespace DingGate.Chaos.Tests.Suite;

/// <summary>
/// Issue 17's acceptance in CI size: three real gateway processes on one PostgreSQL database (and Redis for the shared
/// buckets) against the emulator, which spreads each app's pushes over all their connections at random and redelivers
/// an un-ACKed push to another one. One replica is <c>kill -9</c>ed halfway and restarted, or killed for good while it
/// holds ACKed, unanswered messages. Every invariant must hold, the outbox one included (read with
/// <c>dinggate outbox list</c> on a replica's configuration, that is on the shared database).
/// </summary>
[Trait("Category", "Chaos")]
[Collection(GatewayProcessSuites.Name)]
public sealed class ReplicaShortFormTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ThreeReplicas_OneKilledAndRestartedMidRun_ZeroLostZeroDuplicatedInOrderWithSharedHistory()
    {
        var result = await RunAsync(ReplicaOptions.Short with { Redis = true });

        Assert.Equal((1, 1), (result.Kills, result.Restarts));
    }

    [Fact]
    public async Task ThreeReplicas_OneKilledForGoodHoldingTurns_OthersAnswerEachExactlyOnceWithinTwoMinutes()
    {
        // Every invariant, order and history included. A message DingTalk redelivered (the dead replica had it un-ACKed)
        // reaches the others a redelivery window later, possibly after the user's next one: the verdict excuses and
        // counts exactly that case (ReplicaInvariantChecker.Redelivered); everything else out of order fails.
        var result = await RunAsync(ReplicaOptions.ShortKillForGood with { Redis = true });

        Assert.Equal((1, 0), (result.Kills, result.Restarts));
        Assert.True(result.Verdict.HeldCount > 0, "the dead replica held no ACKed, unanswered message: nothing was tested");
    }

    private async Task<ReplicaResult> RunAsync(ReplicaOptions options)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(6));

        var result = await new ReplicaRun(options, new TestOutputWriter(output)).RunAsync(timeout.Token);

        var summary = ReplicaSummary.Render(result);
        output.WriteLine(summary);
        Assert.Equal(options.Messages, result.Verdict.Chaos.Messages);
        Assert.All(
            result.Verdict.All,
            invariant => Assert.True(invariant.Status == InvariantStatus.Holds, $"{invariant.Name}: {invariant.Status}: {invariant.Detail}\n{summary}"));
        Directory.Delete(result.WorkDirectory, recursive: true);
        return result;
    }
}
