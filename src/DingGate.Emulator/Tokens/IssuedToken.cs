namespace DingGate.Emulator.Tokens;

/// <summary>An access token and when it stops being valid.</summary>
internal sealed record IssuedToken(string Value, string ClientId, DateTimeOffset ExpiresAt);
