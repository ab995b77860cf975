namespace DingGate.DingTalk.Stream.Registration;

/// <summary>A failed registration or socket connect, classified by <see cref="Kind"/>. Never carries the secret.</summary>
internal sealed class StreamConnectionException : Exception
{
    public StreamConnectionException(StreamFailureKind kind, string message, int? status = null, string? code = null, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
        Status = status;
        Code = code;
    }

    public StreamFailureKind Kind { get; }

    public int? Status { get; }

    public string? Code { get; }

    public bool IsFatal => Kind == StreamFailureKind.BadCredentials;
}
