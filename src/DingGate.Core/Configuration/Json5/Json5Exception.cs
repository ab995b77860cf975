namespace DingGate.Core.Configuration.Json5;

/// <summary>JSON5 text is malformed: where (1-based line and column) and why.</summary>
public sealed class Json5Exception : FormatException
{
    /// <summary>Creates the exception.</summary>
    public Json5Exception()
    {
    }

    /// <summary>Creates the exception.</summary>
    public Json5Exception(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public Json5Exception(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a position.</summary>
    public Json5Exception(string? source, int line, int column, string reason)
        : base($"{(source is null ? string.Empty : source + ":")}{line}:{column}: {reason}")
    {
        Source = source;
        Line = line;
        Column = column;
        Reason = reason;
    }

    /// <summary>1-based line.</summary>
    public int Line { get; }

    /// <summary>1-based column (in characters).</summary>
    public int Column { get; }

    /// <summary>What is wrong, without the position.</summary>
    public string Reason { get; } = string.Empty;
}
