using System.Diagnostics;
using System.Globalization;

namespace DingGate.Bench.Measure;

/// <summary>Resident memory and CPU time of this process (emulator + gateway + load generator together).</summary>
internal static class ProcessProbe
{
    /// <summary>Peak resident set in MiB: VmHWM from /proc/self/status on Linux, else the peak working set.</summary>
    public static double PeakRssMiB() => Status("VmHWM:") ?? Mib(Current().PeakWorkingSet64);

    public static double RssMiB() => Status("VmRSS:") ?? Mib(Current().WorkingSet64);

    public static TimeSpan CpuTime() => Current().TotalProcessorTime;

    public static double ManagedHeapMiB() => Mib(GC.GetGCMemoryInfo().HeapSizeBytes);

    private static Process Current()
    {
        var process = Process.GetCurrentProcess();
        process.Refresh();
        return process;
    }

    private static double Mib(long bytes) => bytes / 1024.0 / 1024.0;

    private static double? Status(string key)
    {
        const string path = "/proc/self/status";
        if (!File.Exists(path))
        {
            return null;
        }

        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        var parts = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts is { Length: >= 2 } && long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var kib) ? kib / 1024.0 : null;
    }
}
