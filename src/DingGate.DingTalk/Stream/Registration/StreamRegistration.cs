namespace DingGate.DingTalk.Stream.Registration;

/// <summary>A registration reply: where to connect and the single-use ticket (valid 90 s, never stored).</summary>
internal sealed record StreamRegistration(Uri Endpoint, string Ticket)
{
    /// <summary><c>endpoint?ticket=&lt;url-encoded ticket&gt;</c> (spec §1.3); http(s) endpoints mapped to ws(s).</summary>
    public Uri SocketUri()
    {
        var builder = new UriBuilder(Endpoint);
        builder.Scheme = builder.Scheme switch
        {
            "http" => "ws",
            "https" => "wss",
            var s => s,
        };
        var query = "ticket=" + Uri.EscapeDataString(Ticket);
        builder.Query = string.IsNullOrEmpty(builder.Query) ? query : builder.Query.TrimStart('?') + "&" + query;
        return builder.Uri;
    }

    /// <inheritdoc/>
    public override string ToString() => $"StreamRegistration {{ Endpoint = {Endpoint}, Ticket = *** }}";
}
