namespace DingGate.Cli.Service;

/// <summary>How a service-manager action went, in words for the user.</summary>
internal sealed record ServiceOutcome(bool Ok, string Message);
