namespace DingGate.Core.Configuration;

/// <summary><c>tools.fetchUrl</c>: the <c>fetch_url</c> tool's guard and caps.</summary>
public sealed class FetchUrlSettings
{
    /// <summary>Allow loopback, link-local, private and metadata addresses (default false: refused).</summary>
    public bool? AllowPrivate { get; set; }

    /// <summary>Hosts (<c>host</c> or <c>host:port</c>) allowed even when they resolve to a private address (intranet sites).</summary>
    public IList<string> AllowHosts { get; set; } = [];

    /// <summary>Most bytes read from one response (default 2 MiB).</summary>
    public long? MaxBytes { get; set; }

    /// <summary>Most characters of text given to the model (default 20 000).</summary>
    public int? MaxChars { get; set; }

    /// <summary>Most milliseconds per fetch, redirects included (default 15 000).</summary>
    public int? TimeoutMs { get; set; }

    /// <summary>Most redirects followed, each re-checked (default 5).</summary>
    public int? MaxRedirects { get; set; }
}
