namespace DingGate.Core.Configuration;

/// <summary>
/// <c>mcp.servers.&lt;name&gt;</c>: either a local process spoken to over stdio (<c>command</c>, <c>args</c>,
/// <c>env</c>, <c>cwd</c>) or a streamable HTTP server (<c>url</c>, <c>headers</c>). Secrets through <c>${ENV}</c>.
/// </summary>
public sealed class McpServerSettings
{
    /// <summary>Executable of a stdio server.</summary>
    public string? Command { get; set; }

    /// <summary>Its arguments.</summary>
    public IList<string> Args { get; set; } = [];

    /// <summary>Environment variables added for it (values never logged).</summary>
    public IDictionary<string, string> Env { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Its working directory.</summary>
    public string? Cwd { get; set; }

    /// <summary>Endpoint of a streamable HTTP server.</summary>
    public Uri? Url { get; set; }

    /// <summary>HTTP headers sent to it (e.g. <c>Authorization</c>; values never logged).</summary>
    public IDictionary<string, string> Headers { get; set; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every tool of this server runs only for owners (default false).</summary>
    public bool? OwnerOnly { get; set; }

    /// <summary>Start it (default true).</summary>
    public bool? Enabled { get; set; }

    /// <summary>Most milliseconds to start and list tools (default 30 000).</summary>
    public int? StartTimeoutMs { get; set; }

    /// <inheritdoc/>
    public override string ToString() =>
        Url is not null ? $"McpServerSettings {{ Url = {Url.GetLeftPart(UriPartial.Path)} }}" : $"McpServerSettings {{ Command = {Command} }}";
}
