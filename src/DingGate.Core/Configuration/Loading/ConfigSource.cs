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
    public string DefaultDirectory => System.IO.Path.Combine(RequireHome(HomeDirectory), ".dinggate");

    /// <summary>
    /// The path rule: <paramref name="configOption"/> (<c>--config</c>), else <c>DINGGATE_CONFIG</c>, else
    /// <c>~/.dinggate/dinggate.json</c>. A leading <c>~/</c> is the home directory.
    /// </summary>
    public static ConfigSource Create(string? configOption, Func<string, string?> environment, string homeDirectory)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(homeDirectory);
        var chosen = NonEmpty(configOption) ?? NonEmpty(environment(ConfigVariable))
            ?? System.IO.Path.Combine(RequireHome(homeDirectory), ".dinggate", "dinggate.json");
        return new ConfigSource { Path = ExpandHome(chosen, homeDirectory), Environment = environment, HomeDirectory = homeDirectory };
    }

    /// <summary>The real process: <see cref="System.Environment.GetEnvironmentVariable(string)"/> and the user profile folder.</summary>
    public static ConfigSource FromProcess(string? configOption) =>
        Create(configOption, System.Environment.GetEnvironmentVariable, DingGate.Core.Files.UserHome.Directory);

    /// <summary>Makes <paramref name="path"/> absolute, a leading <c>~</c> standing for <paramref name="home"/>.</summary>
    public static string ExpandHome(string path, string home)
    {
        if (path == "~")
        {
            return RequireHome(home);
        }

        if (path.StartsWith("~/", StringComparison.Ordinal) || path.StartsWith("~\\", StringComparison.Ordinal))
        {
            path = System.IO.Path.Combine(RequireHome(home), path[2..]);
        }

        return System.IO.Path.GetFullPath(path);
    }

    // A process with no home at all (no HOME, no account entry) can still run with explicit paths.
    private static string RequireHome(string home) => home.Length > 0
        ? home
        : throw new DingGate.Core.Files.DirectoryCreationException(
            "no home directory (HOME is not set and the account has none): pass --config (or DINGGATE_CONFIG) and set gateway.stateDir (or DINGGATE_STATE_DIR)");

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
