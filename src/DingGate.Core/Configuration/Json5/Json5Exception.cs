namespace DingGate.Core.Configuration.Json5;

/// <summary>
/// JSON5 text is malformed: where (1-based line and column) and why. Positions follow the npm <c>json5</c> package:
/// lines are counted by '\n'; columns are UTF-16 code units, so a character outside the BMP counts 2 and is reported
/// at its second unit; a raw line feed inside a string is reported at column 0 of the line it starts.
/// </summary>
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

    /// <summary>
    /// Creates the exception for a position. The message reads
    /// <c>[source: ]reason at line:column</c>, e.g. <c>dinggate.json: invalid character 'x' at 3:7</c>.
    /// </summary>
    public Json5Exception(string? source, int line, int column, string reason)
        : base($"{(source is null ? string.Empty : source + ": ")}{reason} at {line}:{column}")
    {
        Source = source;
        Line = line;
        Column = column;
        Reason = reason;
    }

    /// <summary>1-based line.</summary>
    public int Line { get; }

    /// <summary>1-based column in UTF-16 code units (as npm json5 reports it).</summary>
    public int Column { get; }

    /// <summary>What is wrong, without the position (e.g. <c>invalid character 'x'</c>, <c>invalid end of input</c>).</summary>
    public string Reason { get; } = string.Empty;
}
