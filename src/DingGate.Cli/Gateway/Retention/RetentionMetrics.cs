using System.Diagnostics.Metrics;

namespace DingGate.Cli.Gateway.Retention;

/// <summary>Instruments of the retention service: items purged, by target.</summary>
internal sealed class RetentionMetrics
{
    public const string MeterName = "DingGate.Retention";

    private readonly Counter<long> _purged;

    public RetentionMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _purged = meter.CreateCounter<long>("dinggate.retention.purged", "{item}", "Rows (or media folders) deleted by retention, by target.");
    }

    public void Purged(string target, int count)
    {
        if (count > 0)
        {
            _purged.Add(count, new KeyValuePair<string, object?>("target", target));
        }
    }
}
