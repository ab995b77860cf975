using DingGate.Core.Configuration;
using DingGate.DingTalk.Quota;

namespace DingGate.DingTalk.Tests.Quota;

/// <summary>Month boundaries (Asia/Shanghai), the forecast formula and the steps of a quota.</summary>
public sealed class QuotaMonthTests
{
    [Fact]
    public void Month_IsChinaTime_TheLastEveningOfAMonthInUtcIsAlreadyTheNextMonth()
    {
        Assert.Equal(202611, QuotaMonth.Of(new DateTimeOffset(2026, 11, 30, 15, 59, 59, TimeSpan.Zero)));
        Assert.Equal(202612, QuotaMonth.Of(new DateTimeOffset(2026, 11, 30, 16, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 16, 0, 0, TimeSpan.Zero), QuotaMonth.Start(202612));
        Assert.Equal("2026-12", QuotaMonth.Text(202612));
    }

    [Fact]
    public void Forecast_IsUsedOverElapsedTimesTheMonth()
    {
        var start = QuotaMonth.Start(202612); // 31 days

        Assert.Equal(5167, QuotaForecast.Of(1000, start + TimeSpan.FromDays(6))); // 1000 × 31 / 6, rounded up
        Assert.Equal(2000, QuotaForecast.Of(1000, start + TimeSpan.FromDays(15.5)));
    }

    [Fact]
    public void Forecast_FirstDay_TakesTheRateOverAWholeDay_NotTheFirstMinutes()
    {
        var start = QuotaMonth.Start(202612);

        Assert.Equal(310, QuotaForecast.Of(10, start + TimeSpan.FromMinutes(5)));
        Assert.Equal(0, QuotaForecast.Of(0, start + TimeSpan.FromDays(3)));
    }

    [Theory]
    [InlineData(3999, QuotaStep.Normal)]
    [InlineData(4000, QuotaStep.Warned)]
    [InlineData(4500, QuotaStep.CardsOff)]
    [InlineData(4749, QuotaStep.CardsOff)]
    [InlineData(4750, QuotaStep.IndicatorOff)]
    [InlineData(5000, QuotaStep.WebhookOnly)]
    [InlineData(7000, QuotaStep.WebhookOnly)]
    public void Steps_OfTheStandardEdition(long used, QuotaStep expected)
    {
        Assert.Equal(expected, QuotaSteps.For(used, new DingTalkQuota()));
    }

    [Fact]
    public void NoBudget_NeverDegrades()
    {
        Assert.Equal(QuotaStep.Normal, QuotaSteps.For(1_000_000, new DingTalkQuota { MonthlyCalls = 0 }));
    }
}
