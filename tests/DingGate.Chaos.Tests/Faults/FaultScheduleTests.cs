using DingGate.Chaos.Faults;

namespace DingGate.Chaos.Tests.Faults;

public sealed class FaultScheduleTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(6)]
    public void Build_AnyKillCount_EveryKindScheduledInsideTheBurstInOrder(int kills)
    {
        var schedule = FaultSchedule.Build(kills);

        var expected = Enum.GetValues<FaultKind>().Where(k => k != FaultKind.Kill || kills > 0);
        Assert.All(expected, kind => Assert.Contains(schedule, s => s.Kind == kind));
        Assert.Equal(kills, schedule.Count(s => s.Kind == FaultKind.Kill));
        Assert.All(schedule, s => Assert.InRange(s.At, 0.01, 0.99));
        Assert.Equal(schedule.OrderBy(s => s.At).Select(s => s.Description), schedule.Select(s => s.Description));
    }

    [Fact]
    public void Build_ServerErrors_EveryRouteInTurnTwiceWithFiveHundreds()
    {
        var errors = FaultSchedule.Build(2).Where(s => s.Kind == FaultKind.ServerError).ToList();

        Assert.Equal(FaultSchedule.Routes.Count, errors.Count);
        Assert.All(FaultSchedule.Routes, r => Assert.Contains(errors, e => e.Description.EndsWith(" " + r.Path, StringComparison.Ordinal)));
        Assert.All(errors, e => Assert.Matches(@"^Status 50[0-9] ×2 on ", e.Description));
        Assert.All(errors, e => Assert.Equal(2, e.Count));
    }
}
