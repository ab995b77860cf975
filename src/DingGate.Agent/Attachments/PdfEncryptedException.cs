namespace DingGate.Agent.Attachments;

/// <summary>The PDF is encrypted and cannot be read without its password.</summary>
public sealed class PdfEncryptedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PdfEncryptedException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public PdfEncryptedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public PdfEncryptedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
