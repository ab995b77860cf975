using DingGate.Bench.Options;
using DingGate.Emulator;

namespace DingGate.Bench.Rig;

/// <summary>Sets the emulator's per-app, per-API QPS limit for <c>--emulator-qps-limit off|fixed|sliding</c>.</summary>
internal static class EmulatorQps
{
    /// <summary>Whether this build's emulator can enforce <paramref name="mode"/>.</summary>
    public static bool Supported(EmulatorQpsMode mode) => mode != EmulatorQpsMode.Sliding;

    public static void Apply(EmulatorOptions options, EmulatorQpsMode mode, int limit)
    {
        switch (mode)
        {
            case EmulatorQpsMode.Off:
                options.QpsLimitEnabled = false;
                break;
            case EmulatorQpsMode.Fixed:
                options.QpsLimitEnabled = true;
                options.QpsLimit = limit;
                break;
            default:
                // HOOK (issue 14, sliding window): the emulator's sliding-window limiter is being added as an option on
                // another branch. When it is merged, set it here (QpsLimitEnabled = true, QpsLimit = limit, plus the
                // sliding-window switch), make Supported() return true for Sliding, and give the one-app target
                // EmulatorQpsMode.Sliding (Options/BenchTarget.cs).
                throw new NotSupportedException("--emulator-qps-limit sliding: this build's emulator has only the fixed one-second window (see bench/DingGate.Bench/Rig/EmulatorQps.cs)");
        }
    }
}
