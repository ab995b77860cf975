namespace DingGate.Core.Configuration.Files;

/// <summary>A file was not read: it is missing, not a regular file, too large or unreadable. The message says which, without content.</summary>
public sealed class FileRefusedException : IOException
{
    /// <summary>Creates the exception.</summary>
    public FileRefusedException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public FileRefusedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public FileRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>True when the file does not exist (or a directory on its path does not).</summary>
    public bool NotFound { get; init; }
}
