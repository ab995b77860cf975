namespace DingGate.Bench.Options;

/// <summary>How the emulator enforces DingTalk's per-app, per-API QPS limit (<c>--emulator-qps-limit</c>).</summary>
internal enum EmulatorQpsMode
{
    /// <summary>The emulator's fixed one-second window (<c>EmulatorOptions.QpsLimitEnabled</c>, <c>QpsLimit</c>): today's default.</summary>
    Fixed,

    /// <summary>No limit.</summary>
    Off,

    /// <summary>At most the limit in ANY one-second window (issue 14; being added to the emulator on another branch: see <c>Rig/EmulatorQps.cs</c>).</summary>
    Sliding,
}
