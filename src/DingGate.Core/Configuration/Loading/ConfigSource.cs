namespace DingGate.Core.Configuration.Loading;

/// <summary>
/// Where the configuration comes from and what the process environment holds. The environment is a lookup so tests
/// (and the sandbox) can supply their own; nothing in the loader reads <see cref="System.Environment"/> itself.
/// </summary>
public sealed class ConfigSource
{
    /// <summary>Environment variable naming the config file.</summary>
    public const string ConfigVariable = "DINGGATE_CONFIG";

    /// <summary>Environment variable naming the state directory.</summary>
    public const string StateDirVariable = "DINGGATE_STATE_DIR";

    /// <summary>The config file (absolute after <see cref="Create"/>).</summary>
    public required string Path { get; init; }

    /// <summary>Environment lookup: variable name to value, null when unset.</summary>
    public required Func<string, string?> Environment { get; init; }

    /// <summary>The user's home directory (for <c>~</c> and the defaults).</summary>
    public required string HomeDirectory { get; init; }

    /// <summary>The default directory: <c>~/.dinggate</c>.</summary>
    public string DefaultDirectory => System.IO.Path.Combine(HomeDirectory, ".dinggate");

    /// <summary>
    /// The path rule: <paramref name="configOption"/> (<c>--config</c>), else <c>DINGGATE_CONFIG</c>, else
    /// <c>~/.dinggate/dinggate.json</c>. A leading <c>~/</c> is the home directory.
    /// </summary>
    public static ConfigSource Create(string? configOption, Func<string, string?> environment, string homeDirectory)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentException.ThrowIfNullOrEmpty(homeDirectory);
        var chosen = NonEmpty(configOption) ?? NonEmpty(environment(ConfigVariable))
            ?? System.IO.Path.Combine(homeDirectory, ".dinggate", "dinggate.json");
        return new ConfigSource { Path = ExpandHome(chosen, homeDirectory), Environment = environment, HomeDirectory = homeDirectory };
    }

    /// <summary>The real process: <see cref="System.Environment.GetEnvironmentVariable(string)"/> and the user profile folder.</summary>
    public static ConfigSource FromProcess(string? configOption) =>
        Create(configOption, System.Environment.GetEnvironmentVariable, System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile));

    /// <summary>Makes <paramref name="path"/> absolute, a leading <c>~</c> standing for <paramref name="home"/>.</summary>
    public static string ExpandHome(string path, string home)
    {
        if (path == "~")
        {
            return home;
        }

        if (path.StartsWith("~/", StringComparison.Ordinal) || path.StartsWith("~\\", StringComparison.Ordinal))
        {
            path = System.IO.Path.Combine(home, path[2..]);
        }

        return System.IO.Path.GetFullPath(path);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
