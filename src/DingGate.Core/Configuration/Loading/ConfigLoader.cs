using System.Text.Json.Nodes;
using DingGate.Core.Configuration.Json5;

namespace DingGate.Core.Configuration.Loading;

/// <summary>
/// Loads the configuration file: read, parse JSON5, substitute <c>${ENV}</c> / <c>${file:…}</c> references in string
/// values, bind onto <see cref="DinggateConfig"/>, validate. Any problem throws one <see cref="ConfigException"/>
/// listing them all; unknown and legacy keys come back as warnings.
/// </summary>
public sealed class ConfigLoader
{
    /// <summary>How the user makes a config file.</summary>
    public const string CreateHint = "create one with 'dinggate onboard', or pass --config <path> or set DINGGATE_CONFIG";

    /// <summary>Loads and validates the file <paramref name="source"/> names.</summary>
    /// <exception cref="ConfigException">The file is missing, unreadable, not JSON5 or not a valid configuration.</exception>
    public LoadedConfig Load(ConfigSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        string text;
        try
        {
            text = File.ReadAllText(source.Path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw Fail(source.Path, $"configuration file not found: {source.Path}; {CreateHint}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Fail(source.Path, $"cannot read the configuration file {source.Path}: {ex.Message}");
        }

        return LoadText(text, source);
    }

    /// <summary>Loads configuration <paramref name="text"/> as if read from <see cref="ConfigSource.Path"/>.</summary>
    /// <exception cref="ConfigException">The text is not JSON5 or not a valid configuration.</exception>
    public LoadedConfig LoadText(string text, ConfigSource source)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(source);
        JsonNode? root;
        try
        {
            root = Json5Reader.Parse(text, source.Path);
        }
        catch (Json5Exception ex)
        {
            var reason = string.IsNullOrEmpty(ex.Reason) ? ex.Message : ex.Reason;
            throw Fail($"{source.Path}:{ex.Line}:{ex.Column}", "not valid JSON5: " + reason);
        }

        var errors = new List<ConfigError>();
        var warnings = new List<ConfigWarning>();
        var directory = Path.GetDirectoryName(source.Path) ?? ".";
        new EnvironmentSubstitution(source.Environment, directory, errors).Apply(root, string.Empty);
        var config = ConfigBinder.Bind(root, new ConfigReader(errors, warnings));

        // A value that failed to read is already reported; its knock-on effects (e.g. "clientSecret is required") are not.
        var reported = errors.Select(e => e.Path).ToHashSet(StringComparer.Ordinal);
        errors.AddRange(ConfigValidator.Validate(config).Where(e => !reported.Contains(e.Path)));
        if (errors.Count > 0)
        {
            throw new ConfigException(errors, source.Path) { Warnings = warnings };
        }

        return new LoadedConfig(config, warnings, source.Path, StateDirectory(config, source, directory));
    }

    private static string StateDirectory(DinggateConfig config, ConfigSource source, string configDirectory)
    {
        if (source.Environment(ConfigSource.StateDirVariable) is { Length: > 0 } fromEnvironment)
        {
            return ConfigSource.ExpandHome(fromEnvironment, source.HomeDirectory);
        }

        if (config.Gateway.StateDir is { Length: > 0 } configured)
        {
            var expanded = configured.StartsWith('~') ? ConfigSource.ExpandHome(configured, source.HomeDirectory) : configured;
            return Path.GetFullPath(expanded, configDirectory);
        }

        return source.DefaultDirectory;
    }

    private static ConfigException Fail(string path, string reason) => new([new ConfigError(path, null, reason)], path);
}
