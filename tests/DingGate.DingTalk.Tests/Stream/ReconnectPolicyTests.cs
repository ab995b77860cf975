using DingGate.DingTalk.Stream;

namespace DingGate.DingTalk.Tests.Stream;

public sealed class ReconnectPolicyTests
{
    [Fact]
    public void NextDelay_NoJitter_DoublesUpToTheCap()
    {
        var policy = new ReconnectPolicy(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), 0, 10, new Random(42));

        var delays = Enumerable.Range(0, 9).Select(n => policy.NextDelay(n).TotalSeconds).ToArray();

        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60, 60], delays);
        Assert.Equal(TimeSpan.FromSeconds(60), policy.NextDelay(10_000));
    }

    [Fact]
    public void NextDelay_WithJitter_StaysWithinBoundsAndVaries()
    {
        var policy = new ReconnectPolicy(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), 0.3, 10, new Random(42));

        var samples = Enumerable.Range(0, 200).Select(i => (Attempt: i % 8, Delay: policy.NextDelay(i % 8))).ToList();

        Assert.All(samples, s =>
        {
            var baseDelay = policy.BaseDelay(s.Attempt);
            Assert.InRange(s.Delay, baseDelay * 0.7, baseDelay * 1.3);
        });
        Assert.True(samples.Where(s => s.Attempt == 0).Select(s => s.Delay).Distinct().Count() > 10);
        Assert.Contains(samples, s => s.Delay < policy.BaseDelay(s.Attempt));
        Assert.Contains(samples, s => s.Delay > policy.BaseDelay(s.Attempt));
    }

    [Fact]
    public void NextDelay_SameSeed_SameSequence()
    {
        var a = new ReconnectPolicy(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), 0.3, 10, new Random(42));
        var b = new ReconnectPolicy(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), 0.3, 10, new Random(42));

        Assert.Equal(Enumerable.Range(0, 6).Select(a.NextDelay), Enumerable.Range(0, 6).Select(b.NextDelay));
    }

    [Theory]
    [InlineData(3, 2, false)]
    [InlineData(3, 3, true)]
    [InlineData(0, 1000, false)]
    public void IsSlowPhase_ComparesConsecutiveFailures(int max, int failures, bool expected) =>
        Assert.Equal(expected, new ReconnectPolicy(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), 0, max, new Random(42)).IsSlowPhase(failures));

    [Fact]
    public void DelayAfter_FastFormulaThenMaxDelayForEver()
    {
        var policy = new ReconnectPolicy(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), 0, 3, new Random(42));

        // wait 0 and 1 with 1 and 2 failures: fast; from 3 failures on: the cap, whatever the wait count.
        Assert.Equal(TimeSpan.FromSeconds(1), policy.DelayAfter(0, 1));
        Assert.Equal(TimeSpan.FromSeconds(2), policy.DelayAfter(1, 2));
        Assert.Equal(TimeSpan.FromSeconds(60), policy.DelayAfter(2, 3));
        Assert.Equal(TimeSpan.FromSeconds(60), policy.DelayAfter(5000, 5001));
    }

    [Fact]
    public void DelayAfter_SlowPhase_JitteredAroundTheCap()
    {
        var policy = new ReconnectPolicy(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), 0.3, 3, new Random(42));

        var delays = Enumerable.Range(3, 50).Select(n => policy.DelayAfter(n - 1, n)).ToList();

        Assert.All(delays, d => Assert.InRange(d, TimeSpan.FromSeconds(42), TimeSpan.FromSeconds(78)));
        Assert.True(delays.Distinct().Count() > 1);
    }
}
