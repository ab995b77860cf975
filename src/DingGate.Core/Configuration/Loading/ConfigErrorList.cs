namespace DingGate.Core.Configuration.Loading;

// Collects validation errors; the helpers keep each rule to one line.
internal sealed class ConfigErrorList
{
    private readonly List<ConfigError> _items = [];

    public IReadOnlyList<ConfigError> Items => _items;

    public void Add(string path, object? value, string reason) => _items.Add(new ConfigError(path, ConfigValueText.Of(path, value), reason));

    public void Check(bool ok, string path, object? value, string reason)
    {
        if (!ok)
        {
            Add(path, value, reason);
        }
    }

    public void OneOf(string? value, IReadOnlyList<string> allowed, string path) =>
        Check(value is null || allowed.Contains(value, StringComparer.Ordinal), path, value, "must be one of " + string.Join(" | ", allowed));

    public void AtLeast(long? value, long min, string path, string? why = null) =>
        Check(value is null || value >= min, path, value, why is null ? $"must be at least {min}" : $"must be at least {min} {why}");

    public void Positive(long? value, string path) => Check(value is null || value > 0, path, value, "must be greater than 0");
}
