using System.Globalization;

namespace DingGate.DingTalk.Quota;

/// <summary>
/// Months as DingTalk counts its quota: calendar months (按自然月) in China time. Asia/Shanghai is UTC+8 all year (no
/// daylight saving since 1991), so a fixed offset is exact and needs no time-zone database.
/// </summary>
public static class QuotaMonth
{
    /// <summary>Asia/Shanghai.</summary>
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>The month of <paramref name="at"/> as yyyyMM.</summary>
    public static int Of(DateTimeOffset at)
    {
        var local = at.ToOffset(Offset);
        return (local.Year * 100) + local.Month;
    }

    /// <summary>The first instant of <paramref name="month"/> (yyyyMM).</summary>
    public static DateTimeOffset Start(int month) => new(month / 100, month % 100, 1, 0, 0, 0, Offset);

    /// <summary>The first instant of the month after <paramref name="month"/>.</summary>
    public static DateTimeOffset End(int month) => Start(month).AddMonths(1);

    /// <summary>"2026-12".</summary>
    public static string Text(int month) => string.Create(CultureInfo.InvariantCulture, $"{month / 100:D4}-{month % 100:D2}");
}
