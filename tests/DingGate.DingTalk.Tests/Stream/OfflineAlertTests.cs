using DingGate.DingTalk.Stream;

namespace DingGate.DingTalk.Tests.Stream;

public sealed class OfflineAlertTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TryRaise_FirstAtOnceThenAtMostOncePerInterval()
    {
        var alert = new OfflineAlert(TimeSpan.FromHours(1));

        var raised = Enumerable.Range(0, 13).Select(i => alert.TryRaise(T0 + TimeSpan.FromMinutes(10 * i))).ToList();

        // 0, 60 and 120 minutes.
        Assert.Equal([true, false, false, false, false, false, true, false, false, false, false, false, true], raised);
        Assert.True(alert.Raised);
    }

    [Fact]
    public void Reset_NextOutageAlertsAtOnce()
    {
        var alert = new OfflineAlert(TimeSpan.FromHours(1));
        alert.TryRaise(T0);

        alert.Reset();

        Assert.False(alert.Raised);
        Assert.True(alert.TryRaise(T0 + TimeSpan.FromMinutes(1)));
    }
}
