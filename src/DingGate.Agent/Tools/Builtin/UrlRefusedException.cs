namespace DingGate.Agent.Tools.Builtin;

// A URL the guard does not fetch (scheme, host, address, redirect, size, type); the message says why, for the model.
internal sealed class UrlRefusedException : Exception
{
    public UrlRefusedException()
    {
    }

    public UrlRefusedException(string message)
        : base(message)
    {
    }

    public UrlRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
