using System.Runtime.InteropServices;

namespace DingGate.Bench.Report;

/// <summary>One line about the machine: CPU model and count, memory, OS, runtime.</summary>
internal static class MachineInfo
{
    public static string Describe()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024.0 / 1024 / 1024;
        return $"{Environment.ProcessorCount} CPUs ({cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}), {memory:0.#} GiB, " +
               $"{RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}";
    }
}
