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

    public bool Matches(string method, string path) =>
        (PathPrefix == "*" || path.StartsWith(PathPrefix, StringComparison.OrdinalIgnoreCase)) &&
        (Method is null || string.Equals(Method, method, StringComparison.OrdinalIgnoreCase));
}
