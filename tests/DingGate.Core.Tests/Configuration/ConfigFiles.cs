using DingGate.Core.Configuration.Loading;

namespace DingGate.Core.Tests.Configuration;

/// <summary>A temporary home directory for config files, with a fake environment; deleted on dispose.</summary>
internal sealed class ConfigFiles : IDisposable
{
    public ConfigFiles()
    {
        Directory.CreateDirectory(Home);
    }

    public string Home { get; } = Path.Combine(Path.GetTempPath(), "dinggate-config-tests-" + Guid.NewGuid().ToString("N"));

    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    public string Write(string name, string text)
    {
        var path = Path.Combine(Home, name);
        File.WriteAllText(path, text);
        return path;
    }

    public ConfigSource Source(string? path) => ConfigSource.Create(path, name => Environment.GetValueOrDefault(name), Home);

    public LoadedConfig Load(string text) => new ConfigLoader().Load(Source(Write("dinggate.json", text)));

    public ConfigException LoadFails(string text) => Assert.Throws<ConfigException>(() => Load(text));

    public void Dispose()
    {
        Directory.Delete(Home, recursive: true);
    }
}
