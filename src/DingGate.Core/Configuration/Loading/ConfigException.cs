namespace DingGate.Core.Configuration.Loading;

/// <summary>The configuration cannot be used: every problem found (not just the first), each naming path, value and reason.</summary>
public sealed class ConfigException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ConfigException()
        : this([])
    {
    }

    /// <summary>Creates the exception.</summary>
    public ConfigException(string message)
        : base(message)
    {
        Errors = [new ConfigError(string.Empty, null, message)];
    }

    /// <summary>Creates the exception.</summary>
    public ConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [new ConfigError(string.Empty, null, message)];
    }

    /// <summary>Creates the exception for a list of problems.</summary>
    public ConfigException(IReadOnlyList<ConfigError> errors, string? source = null)
        : base(Describe(errors, source))
    {
        Errors = errors;
        Source = source;
    }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<ConfigError> Errors { get; }

    /// <summary>Unknown and legacy keys found on the way (worth showing along with the errors).</summary>
    public IReadOnlyList<ConfigWarning> Warnings { get; init; } = [];

    private static string Describe(IReadOnlyList<ConfigError> errors, string? source)
    {
        var head = $"Invalid configuration{(source is null ? string.Empty : " " + source)}: {errors.Count} error(s).";
        return errors.Count == 0 ? head : head + Environment.NewLine + string.Join(Environment.NewLine, errors);
    }
}
