namespace DingGate.Core.Configuration;

/// <summary><c>storage</c>: how long the state directory keeps what it stored.</summary>
public sealed class StorageSettings
{
    /// <summary><c>storage.retention</c>.</summary>
    public RetentionSettings Retention { get; set; } = new();
}
