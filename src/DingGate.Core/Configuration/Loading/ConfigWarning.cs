namespace DingGate.Core.Configuration.Loading;

/// <summary>Something in the configuration that is accepted but ignored or deprecated (unknown or legacy key).</summary>
/// <param name="Path">JSON path of the key.</param>
/// <param name="Message">What happens to it.</param>
public sealed record ConfigWarning(string Path, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Path}: {Message}";
}
