using DingGate.Core.Configuration;

namespace DingGate.Agent.Tools.Builtin;

// tools.fetchUrl with its defaults applied: the guard's exceptions and the caps of one fetch (fetch_url, and send_file
// for a URL, which keeps its own byte cap).
internal sealed record FetchUrlOptions
{
    public const long DefaultMaxBytes = 2L * 1024 * 1024;

    public const int DefaultMaxChars = 20_000;

    public const int DefaultTimeoutMs = 15_000;

    public const int DefaultMaxRedirects = 5;

    public bool AllowPrivate { get; init; }

    // "host" (any port) or "host:port", compared case-insensitively.
    public IReadOnlyList<string> AllowHosts { get; init; } = [];

    public long MaxBytes { get; init; } = DefaultMaxBytes;

    public int MaxChars { get; init; } = DefaultMaxChars;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromMilliseconds(DefaultTimeoutMs);

    public int MaxRedirects { get; init; } = DefaultMaxRedirects;

    public static FetchUrlOptions From(FetchUrlSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new FetchUrlOptions
        {
            AllowPrivate = settings.AllowPrivate ?? false,
            AllowHosts = [.. settings.AllowHosts.Select(h => h.Trim()).Where(h => h.Length > 0)],
            MaxBytes = settings.MaxBytes ?? DefaultMaxBytes,
            MaxChars = settings.MaxChars ?? DefaultMaxChars,
            Timeout = TimeSpan.FromMilliseconds(settings.TimeoutMs ?? DefaultTimeoutMs),
            MaxRedirects = settings.MaxRedirects ?? DefaultMaxRedirects,
        };
    }
}
