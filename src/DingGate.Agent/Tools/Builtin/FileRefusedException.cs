namespace DingGate.Agent.Tools.Builtin;

// A local file send_file does not send (outside the workspace, missing, a directory, too large); the message says why.
internal sealed class FileRefusedException : Exception
{
    public FileRefusedException()
    {
    }

    public FileRefusedException(string message)
        : base(message)
    {
    }

    public FileRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
