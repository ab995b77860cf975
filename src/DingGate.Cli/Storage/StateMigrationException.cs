namespace DingGate.Cli.Storage;

/// <summary><c>storage migrate</c> refused or failed; nothing was written to the target. The message is one line for the operator.</summary>
internal sealed class StateMigrationException : Exception
{
    public StateMigrationException()
    {
    }

    public StateMigrationException(string message)
        : base(message)
    {
    }

    public StateMigrationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
