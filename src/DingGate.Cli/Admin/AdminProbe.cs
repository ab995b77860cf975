namespace DingGate.Cli.Admin;

/// <summary>The body of <c>/healthz</c> and <c>/readyz</c> for a caller without the token: up or ready, nothing else.</summary>
internal sealed record AdminProbe(string Status);
