namespace DingGate.Emulator;

/// <summary>
/// Start-up settings of the DingTalk emulator. Protocol behaviours that the spec marks as undocumented or GUESS are
/// switches here (and can be changed at run time through <c>PATCH /_emulator/settings</c>), never hard-coded beliefs.
/// </summary>
public sealed class EmulatorOptions
{
    /// <summary>
    /// The language of the control page's own texts: <c>en</c> (the default) or <c>zh-CN</c> (also <c>zh</c>). The
    /// page is served with it as <c>&lt;html lang&gt;</c>; opening the page with <c>?lang=zh-CN</c> or <c>?lang=en</c>
    /// overrides it for that page. <c>dinggate sandbox</c> sets it from <c>channels.dingtalk.locale</c>.
    /// </summary>
    public string PageLanguage { get; set; } = "en";

    /// <summary>Address Kestrel binds to. Loopback by default.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Port to bind; 0 picks a free port (tests).</summary>
    public int Port { get; set; }

    /// <summary>Serve HTTPS/WSS with a generated CA and a certificate for the DingTalk host names.</summary>
    public bool Tls { get; set; }

    /// <summary>Where the generated CA certificate (PEM) is written in TLS mode. Defaults to a file in the temp folder.</summary>
    public string? CaCertificatePath { get; set; }

    /// <summary>
    /// Where the CA private key (PEM) is kept so the same CA survives restarts and needs trusting only once. When both
    /// files exist the CA is reused; otherwise a new CA is created and its key written here (owner-only). Null: a fresh
    /// CA each start and the key is never written.
    /// </summary>
    public string? CaKeyPath { get; set; }

    /// <summary>Host names the TLS certificate covers (besides 127.0.0.1 and localhost).</summary>
    public IList<string> TlsHostNames { get; } = ["api.dingtalk.com", "oapi.dingtalk.com", "wss-open-connection.dingtalk.com"];

    /// <summary>
    /// Base URL advertised to clients for the stream endpoint, the session webhooks and download URLs, for when clients
    /// reach the emulator through a host mapping (e.g. <c>https://api.dingtalk.com</c>). Null: the emulator's own address.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>
    /// Host name advertised instead of the bound address, keeping the scheme and the actual port (useful with port 0):
    /// <c>api.dingtalk.com</c> with TLS gives <c>https://api.dingtalk.com:&lt;port&gt;</c>. Ignored when
    /// <see cref="PublicBaseUrl"/> is set.
    /// </summary>
    public string? PublicHost { get; set; }

    /// <summary>
    /// More host names the control API and page answer for, besides IP addresses, localhost, <see cref="PublicHost"/>,
    /// the <see cref="PublicBaseUrl"/> host and (with TLS) <see cref="TlsHostNames"/>; requests naming any other host
    /// get 421 (DNS-rebinding defence). E.g. a container name the control API is reached by.
    /// </summary>
    public IList<string> AllowedHosts { get; } = [];

    /// <summary>The apps (bots) registered at start. When empty a demo app is registered.</summary>
    public IList<EmulatedAppOptions> Apps { get; } = [];

    /// <summary>Seed for ids and for the random pick among connections; null means non-deterministic.</summary>
    public int? Seed { get; set; }

    /// <summary>
    /// How each app's pushes are spread over its live connections: <see cref="Stream.StreamSpread.Random"/> (default, as
    /// DingTalk documents) or <see cref="Stream.StreamSpread.RoundRobin"/>. A redelivery prefers a connection that has not
    /// had the push yet either way.
    /// </summary>
    public Stream.StreamSpread StreamSpread { get; set; } = Stream.StreamSpread.Random;

    /// <summary>Clock used for every emulator timer (tokens, tickets, pings, redelivery). Tests pass a fake.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Access-token lifetime (DingTalk: 7200 s).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromSeconds(7200);

    /// <summary>Stream ticket lifetime (DingTalk: 90 s, single use).</summary>
    public TimeSpan TicketLifetime { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>
    /// Interval of SYSTEM ping frames; null (the default) or <see cref="TimeSpan.Zero"/>: none. DingTalk documents no
    /// cadence and real links stay silent for minutes (soimy/openclaw-channel-dingtalk PR #336), so by default the
    /// emulator's link is quiet and a client must not need server frames to stay up (docs/emulator.md, fidelity notes).
    /// </summary>
    public TimeSpan? PingInterval { get; set; }

    /// <summary>Close a connection after this many unanswered SYSTEM pings; 0 = never (undocumented upstream).</summary>
    public int MaxMissedPongs { get; set; }

    /// <summary>Time between a SYSTEM disconnect frame and the server closing the socket (DingTalk: about 10 s).</summary>
    public TimeSpan DisconnectGrace { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Send SYSTEM disconnect automatically once a connection is this old; null = never.</summary>
    public TimeSpan? ConnectionMaxAge { get; set; }

    /// <summary>Window after which an un-ACKed bot message is pushed again with the same messageId (observed: 60 s).</summary>
    public TimeSpan CallbackRedeliveryWindow { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How many times an un-ACKed bot message is redelivered; 0 = fire-and-forget (the official FAQ's claim).</summary>
    public int CallbackRedeliveryAttempts { get; set; } = 1;

    /// <summary>Whether an ACK with a code other than 200 counts as "not ACKed" for bot messages (undocumented).</summary>
    public bool RedeliverOnNon200Ack { get; set; } = true;

    /// <summary>EVENT redelivery schedule after a missing ACK or LATER (documented for HTTP push: 10 s, 30 s).</summary>
    public IList<TimeSpan> EventRedeliverySchedule { get; } = [TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30)];

    /// <summary>How long a card callback waits for its ACK before the interaction fails (DingTalk: 2 s).</summary>
    public TimeSpan CardCallbackAckWindow { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Session webhook validity after the message (all published samples: 90 min).</summary>
    public TimeSpan SessionWebhookLifetime { get; set; } = TimeSpan.FromMinutes(90);

    /// <summary>Throttle session-webhook replies at 20 per minute per conversation (→ errcode 410100 for 10 min). GUESS, off by default.</summary>
    public bool SessionWebhookThrottle { get; set; }

    /// <summary>Validity of signed download URLs returned by messageFiles/download.</summary>
    public TimeSpan DownloadUrlLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Per-app, per-API QPS limit (standard edition: 20/s).</summary>
    public bool QpsLimitEnabled { get; set; } = true;

    /// <summary>Calls per second allowed per app and API when <see cref="QpsLimitEnabled"/> is on.</summary>
    public int QpsLimit { get; set; } = 20;

    /// <summary>
    /// Count <see cref="QpsLimit"/> in any sliding one-second window (a call is refused when <see cref="QpsLimit"/> calls
    /// were accepted in the second before it) instead of fixed wall-clock seconds. Off by default (DingTalk does not
    /// document its window); the stricter form a client must also pass.
    /// </summary>
    public bool QpsSlidingWindow { get; set; }

    /// <summary>Per source IP limit over all DingTalk routes (DingTalk: 10 000 calls per 20 s, then a 5-minute ban).</summary>
    public bool IpLimitEnabled { get; set; } = true;

    /// <summary>Calls allowed per source IP in any <see cref="IpLimitWindow"/>.</summary>
    public int IpLimit { get; set; } = 10_000;

    /// <summary>The sliding window of <see cref="IpLimit"/>.</summary>
    public TimeSpan IpLimitWindow { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long an IP that went over <see cref="IpLimit"/> is refused.</summary>
    public TimeSpan IpBanDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Maximum users per batchSend call (doc text: 20; the error table says 100).</summary>
    public int BatchSendMaxUsers { get; set; } = 20;

    /// <summary>Largest frame the emulator sends (SDK-java accepts 256 KiB).</summary>
    public int MaxFrameBytes { get; set; } = 256 * 1024;
}
