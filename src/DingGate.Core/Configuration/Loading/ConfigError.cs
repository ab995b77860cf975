namespace DingGate.Core.Configuration.Loading;

/// <summary>One problem that stops the configuration from loading.</summary>
/// <param name="Path">JSON path of the offending key (e.g. <c>channels.dingtalk.accounts.main.dmPolicy</c>).</param>
/// <param name="Value">The value as found, secrets masked as <c>***</c>; null when there is no value (missing key).</param>
/// <param name="Reason">What is wrong and what is allowed.</param>
public sealed record ConfigError(string Path, string? Value, string Reason)
{
    /// <inheritdoc/>
    public override string ToString() => Value is null ? $"{Path}: {Reason}" : $"{Path}: {Reason} (value: {Value})";
}
