namespace DingGate.DingTalk.Api;

/// <summary>The permits one attempt holds (per-IP guard and its own limiter): spent together when the call goes out.</summary>
internal sealed class CallPermits(ApiPermit ip, ApiPermit own) : IDisposable
{
    /// <summary>The call goes on the wire now.</summary>
    public void MarkSent()
    {
        ip.MarkSent();
        own.MarkSent();
    }

    /// <summary>Gives back whatever was not spent (the attempt ended before it was sent).</summary>
    public void Dispose()
    {
        own.Dispose();
        ip.Dispose();
    }
}
