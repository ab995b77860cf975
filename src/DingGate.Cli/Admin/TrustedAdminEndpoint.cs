namespace DingGate.Cli.Admin;

/// <summary>A running gateway's admin endpoint whose announcement and token passed <see cref="AdminEndpointTrust"/>.</summary>
internal sealed record TrustedAdminEndpoint(Uri Url, string Token);
