using System.Text.Json.Nodes;
using DingGate.Core.Configuration.Files;
using DingGate.Core.Configuration.Json5;

namespace DingGate.Core.Configuration.Loading;

/// <summary>
/// Loads the configuration file: read, parse JSON5, substitute <c>${ENV}</c> / <c>${file:…}</c> references in string
/// values, bind onto <see cref="DinggateConfig"/>, validate. Any problem throws one <see cref="ConfigException"/>
/// listing them all; unknown and legacy keys come back as warnings. A key written twice in one object is an error
/// (naming both lines) unless <see cref="AllowDuplicateKeys"/>.
/// </summary>
public sealed class ConfigLoader
{
    /// <summary>How the user makes a config file.</summary>
    public const string CreateHint = "create one with 'dinggate onboard', or pass --config <path> or set DINGGATE_CONFIG";

    /// <summary>The command-line option that turns duplicate keys from errors into warnings.</summary>
    public const string AllowDuplicatesOption = "--allow-duplicates";

    /// <summary>
    /// When true, a key written twice in one object is a warning and the last value is used (as JSON5 does); when
    /// false (the default) it is an error naming both lines.
    /// </summary>
    public bool AllowDuplicateKeys { get; init; }

    /// <summary>Loads and validates the file <paramref name="source"/> names.</summary>
    /// <exception cref="ConfigException">The file is missing, unreadable, not JSON5 or not a valid configuration.</exception>
    public LoadedConfig Load(ConfigSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        string text;
        try
        {
            text = BoundedFileReader.ReadText(source.Path, BoundedFileReader.MaxConfigFileBytes);
        }
        catch (FileRefusedException ex) when (ex.NotFound)
        {
            throw Fail(source.Path, $"configuration file not found: {source.Path}; {CreateHint}");
        }
        catch (FileRefusedException ex)
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
        var duplicates = new List<Json5DuplicateKey>();
        try
        {
            root = Json5Reader.Parse(text, source.Path, duplicates);
        }
        catch (Json5Exception ex)
        {
            var reason = string.IsNullOrEmpty(ex.Reason) ? ex.Message : ex.Reason;
            throw Fail($"{source.Path}:{ex.Line}:{ex.Column}", "not valid JSON5: " + reason);
        }

        var errors = new List<ConfigError>();
        var warnings = new List<ConfigWarning>();
        Duplicates(duplicates, errors, warnings);
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

        warnings.AddRange(ConfigValidator.Warnings(config));
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

    private void Duplicates(List<Json5DuplicateKey> duplicates, List<ConfigError> errors, List<ConfigWarning> warnings)
    {
        foreach (var d in duplicates)
        {
            var at = d.Path.Length == 0 ? "(root)" : d.Path;
            if (AllowDuplicateKeys)
            {
                warnings.Add(new ConfigWarning(at, $"duplicate key at lines {d.FirstLine} and {d.Line}: the value at line {d.Line} is used ({AllowDuplicatesOption})"));
            }
            else
            {
                errors.Add(new ConfigError(at, null,
                    $"duplicate key at lines {d.FirstLine} and {d.Line}: JSON5 would silently use the last one; remove one of them (or pass {AllowDuplicatesOption} to use the last)"));
            }
        }
    }

    private static ConfigException Fail(string path, string reason) => new([new ConfigError(path, null, reason)], path);
}
