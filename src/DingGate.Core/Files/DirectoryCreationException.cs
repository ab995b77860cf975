namespace DingGate.Core.Files;

/// <summary>A directory DingGate needs (the state directory, logs, media) could not be created; the message names it and why.</summary>
public sealed class DirectoryCreationException : IOException
{
    /// <summary>Creates the exception with a message only.</summary>
    public DirectoryCreationException(string message)
        : base(message) => Path = string.Empty;

    /// <summary>Creates the exception with a message and cause.</summary>
    public DirectoryCreationException(string message, Exception inner)
        : base(message, inner) => Path = string.Empty;

    /// <summary>Creates the exception with no detail.</summary>
    public DirectoryCreationException()
        => Path = string.Empty;

    private DirectoryCreationException(string message, string path, Exception inner)
        : base(message, inner) => Path = path;

    /// <summary>The directory that could not be created (empty when none was named).</summary>
    public string Path { get; }

    /// <summary>The exception for <paramref name="path"/>, which could not be created because of <paramref name="inner"/>.</summary>
    public static DirectoryCreationException For(string path, Exception inner) =>
        new($"cannot create the directory {path}: {Reason(path, inner)}", path, inner);

    private static string Reason(string path, Exception inner)
    {
        // The nearest part of the path that exists says more than the exception's text: a file where a directory must be.
        for (var at = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)); at is not null; at = System.IO.Path.GetDirectoryName(at))
        {
            if (File.Exists(at))
            {
                return $"{at} is a file, not a directory";
            }

            if (Directory.Exists(at))
            {
                break;
            }
        }

        return inner switch
        {
            UnauthorizedAccessException => "permission denied",
            PathTooLongException => "the path is too long",
            _ => inner.Message.TrimEnd('.'),
        };
    }
}
