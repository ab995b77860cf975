using System.Net;

namespace DingGate.Agent.Tools.Builtin;

// What one guarded GET returned (after redirects): the final URL, status, media type and charset, and the body read
// up to the cap (Truncated when there was more).
internal sealed record FetchedResponse(Uri Url, HttpStatusCode Status, string? MediaType, string? Charset, byte[] Body, bool Truncated)
{
    public bool IsSuccess => (int)Status is >= 200 and < 300;
}
