namespace DingGate.DingTalk.Tests.Support;

/// <summary>
/// Counts the HTTP requests on the wire, so a test moves the fake clock only when none is: every call then reaches the
/// emulator at the fake time its client sent it (no arrival jitter in the test; the client's margin covers real jitter).
/// </summary>
internal sealed class InFlightCounter : DelegatingHandler
{
    private int _inFlight;

    public InFlightCounter(HttpMessageHandler inner)
        : base(inner)
    {
    }

    public int InFlight => Volatile.Read(ref _inFlight);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            return response;
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
