namespace DingGate.DingTalk.Stream.Registration;

/// <summary>Why a connection attempt failed, deciding whether to retry.</summary>
internal enum StreamFailureKind
{
    /// <summary>Network trouble, 5xx, refused ticket, bad reply: retry with backoff.</summary>
    Transient,

    /// <summary>The platform rejected the request (4xx other than 401): retried too, it may be a console setting in progress.</summary>
    Rejected,

    /// <summary>Wrong client id or secret (401 authFailed): fatal, retrying cannot help.</summary>
    BadCredentials,
}
