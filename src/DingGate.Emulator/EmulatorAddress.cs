namespace DingGate.Emulator;

/// <summary>
/// Where the emulator can be reached, known only once Kestrel has bound its port. Routes use <see cref="Public"/> to
/// build URLs handed to clients (stream endpoint, session webhooks, download URLs).
/// </summary>
internal sealed class EmulatorAddress
{
    public Uri Local { get; private set; } = new("http://127.0.0.1/");

    public Uri Public { get; private set; } = new("http://127.0.0.1/");

    public void Set(Uri local, Uri @public)
    {
        Local = local;
        Public = @public;
    }

    /// <summary>An absolute URL on the public base, e.g. <c>Url("/robot/sendBySession?session=…")</c>.</summary>
    public string Url(string pathAndQuery) => new Uri(Public, pathAndQuery).ToString();

    /// <summary>The WebSocket endpoint for stream registration replies: same host, ws/wss scheme, path <c>/connect</c>.</summary>
    public string StreamEndpoint()
    {
        var scheme = Public.Scheme == Uri.UriSchemeHttps ? "wss" : "ws";
        return $"{scheme}://{Public.Host}:{Public.Port}/connect";
    }
}
