namespace DingGate.Bench.Measure;

/// <summary>Percentiles of one latency, in milliseconds (nearest rank).</summary>
internal sealed record LatencyStats(int Count, double P50, double P99, double Max)
{
    public static LatencyStats Of(IEnumerable<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToArray();
        if (sorted.Length == 0)
        {
            return new LatencyStats(0, double.NaN, double.NaN, double.NaN);
        }

        double Rank(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new LatencyStats(sorted.Length, Rank(0.50), Rank(0.99), sorted[^1]);
    }
}
