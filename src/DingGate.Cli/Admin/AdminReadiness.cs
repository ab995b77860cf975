namespace DingGate.Cli.Admin;

/// <summary>The body of <c>/healthz</c> and <c>/readyz</c>: ready when every enabled account is connected.</summary>
internal sealed record AdminReadiness(string Status, IReadOnlyList<string> NotConnected);
