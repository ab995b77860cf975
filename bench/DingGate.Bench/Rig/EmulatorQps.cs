using DingGate.Bench.Options;
using DingGate.Emulator;

namespace DingGate.Bench.Rig;

/// <summary>Sets the emulator's per-app, per-API QPS limit for <c>--emulator-qps-limit off|fixed|sliding</c>.</summary>
internal static class EmulatorQps
{
    /// <summary>Whether this build's emulator can enforce <paramref name="mode"/>.</summary>
    public static bool Supported(EmulatorQpsMode mode) => Enum.IsDefined(mode);

    public static void Apply(EmulatorOptions options, EmulatorQpsMode mode, int limit, bool ipLimit = true)
    {
        // DingTalk's per-IP limit (10 000 calls per 20 s, then a ban); off for a run that stands for several egress IPs.
        options.IpLimitEnabled = ipLimit;
        switch (mode)
        {
            case EmulatorQpsMode.Off:
                options.QpsLimitEnabled = false;
                break;
            case EmulatorQpsMode.Fixed:
                options.QpsLimitEnabled = true;
                options.QpsLimit = limit;
                break;
            case EmulatorQpsMode.Sliding:
                // Any one-second window, not only fixed seconds (the fake DingTalk): EmulatorOptions.QpsSlidingWindow.
                options.QpsLimitEnabled = true;
                options.QpsLimit = limit;
                options.QpsSlidingWindow = true;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(mode), mode, null);
        }
    }
}
