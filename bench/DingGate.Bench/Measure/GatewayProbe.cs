using System.Globalization;

namespace DingGate.Bench.Measure;

/// <summary>
/// CPU time and resident memory of the gateway child process, read from <c>/proc/&lt;pid&gt;/stat</c> (utime + stime,
/// in clock ticks of 1/100 s, Linux's USER_HZ) and <c>/proc/&lt;pid&gt;/status</c> (VmRSS, VmHWM). Linux only: elsewhere
/// every figure is NaN.
/// </summary>
internal sealed class GatewayProbe(int pid)
{
    private const double TicksPerSecond = 100;

    public int Pid { get; } = pid;

    public TimeSpan? CpuTime()
    {
        var path = $"/proc/{Pid}/stat";
        if (!File.Exists(path))
        {
            return null;
        }

        // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
        var stat = File.ReadAllText(path);
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    public double RssMiB() => Status("VmRSS:");

    public double PeakRssMiB() => Status("VmHWM:");

    private double Status(string key)
    {
        var path = $"/proc/{Pid}/status";
        if (!File.Exists(path))
        {
            return double.NaN;
        }

        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        var parts = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts is { Length: >= 2 } && long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var kib) ? kib / 1024.0 : double.NaN;
    }
}
