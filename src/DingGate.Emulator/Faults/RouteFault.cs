namespace DingGate.Emulator.Faults;

/// <summary>
/// A fault applied to matching routes. <see cref="PathPrefix"/> "*" matches every DingTalk route (never the control API).
/// <see cref="Remaining"/> null means until cleared; otherwise the fault fires that many times.
/// </summary>
internal sealed class RouteFault
{
    public required string Id { get; init; }

    public required string PathPrefix { get; init; }

    public string? Method { get; init; }

    public FaultKind Kind { get; init; }

    public int Status { get; init; } = 503;

    public TimeSpan Delay { get; init; }

    public int? Remaining { get; set; }

    /// <summary>The errcode of a <see cref="FaultKind.LegacyThrottle"/> fault.</summary>
    public int? ErrCode { get; init; }

    /// <summary>Whether the fault applies to a call; a <see cref="FaultKind.LegacyThrottle"/> only to oapi routes (legacy codes).</summary>
    public bool Matches(string method, string path) =>
        (PathPrefix == "*" || path.StartsWith(PathPrefix, StringComparison.OrdinalIgnoreCase)) &&
        (Method is null || string.Equals(Method, method, StringComparison.OrdinalIgnoreCase)) &&
        (Kind != FaultKind.LegacyThrottle || !IsApiHostPath(path));

    /// <summary>The api host's routes are <c>/v1.0/*</c>; everything else is oapi.</summary>
    public static bool IsApiHostPath(string path) => path.StartsWith("/v1.0/", StringComparison.OrdinalIgnoreCase);
}
