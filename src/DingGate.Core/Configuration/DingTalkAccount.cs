namespace DingGate.Core.Configuration;

/// <summary>One resolved DingTalk account: every key has its value (own, else top-level, else the default).</summary>
public sealed record DingTalkAccount
{
    /// <summary>Account id (key under <c>accounts</c>).</summary>
    public required string Id { get; init; }

    /// <summary>Whether it runs.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Client ID.</summary>
    public required string ClientId { get; init; }

    /// <summary>Client Secret; never logged.</summary>
    public required string ClientSecret { get; init; }

    /// <summary>Robot code (defaults to the client id).</summary>
    public required string RobotCode { get; init; }

    /// <summary>Bot display name.</summary>
    public string Name { get; init; } = "DingGate";

    /// <summary>1:1 policy.</summary>
    public DmPolicy DmPolicy { get; init; } = DmPolicy.Open;

    /// <summary>Group policy.</summary>
    public GroupPolicy GroupPolicy { get; init; } = GroupPolicy.Open;

    /// <summary>Allowed sender ids as configured.</summary>
    public IReadOnlyList<string> AllowFrom { get; init; } = [];

    /// <summary>Per-group overrides.</summary>
    public IReadOnlyDictionary<string, DingTalkGroupSettings> Groups { get; init; } = new Dictionary<string, DingTalkGroupSettings>();

    /// <summary>markdown or card.</summary>
    public string MessageType { get; init; } = "markdown";

    /// <summary>The DingTalk official AI card template (OpenClaw's default).</summary>
    public const string DefaultCardTemplateId = "382e4302-551d-4880-bf29-a30acfab2e71.schema";

    /// <summary>AI card template id.</summary>
    public string CardTemplateId { get; init; } = DefaultCardTemplateId;

    /// <summary>AI card content variable (msgContent for the default template, else content unless configured).</summary>
    public string CardTemplateKey { get; init; } = "msgContent";

    /// <summary>
    /// auto, on or off: whether card replies move <c>flowStatus</c> with <c>PUT /v1.0/card/instances</c> (INPUTING before
    /// the first streaming update, FINISHED/FAILED at the end). auto = on for <see cref="DefaultCardTemplateId"/> only:
    /// the client cannot read a custom template's variables, so a custom template that declares flowStatus says on.
    /// </summary>
    public string CardFlowStatus { get; init; } = "auto";

    /// <summary>True when card replies drive the card's state through <c>flowStatus</c> (see <see cref="CardFlowStatus"/>).</summary>
    public bool UsesCardFlowStatus => CardFlowStatus.ToLowerInvariant() switch
    {
        "on" => true,
        "off" => false,
        _ => string.Equals(CardTemplateId, DefaultCardTemplateId, StringComparison.Ordinal),
    };

    /// <summary>Least time between two streaming updates of one card (at least 200 ms).</summary>
    public TimeSpan CardStreamInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Most intermediate streaming updates of one card (0: none, the answer shows with the final update); the gap between
    /// them widens from <see cref="CardStreamInterval"/> as the answer goes on (docs/replies.md, "Streaming budget").
    /// </summary>
    public int CardMaxUpdates { get; init; } = 20;

    /// <summary>How long card mode stays off after repeated card API failures.</summary>
    public TimeSpan AicardDegradeDuration { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Convert markdown tables to something DingTalk renders.</summary>
    public bool ConvertMarkdownTables { get; init; } = true;

    /// <summary>emotion, message or off.</summary>
    public string ThinkingIndicator { get; init; } = "emotion";

    /// <summary>Delay before the thinking indicator shows.</summary>
    public TimeSpan ThinkingDelay { get; init; } = TimeSpan.FromMilliseconds(1500);

    /// <summary>Attempts of an undelivered answer (the first send included) before the outbox gives up (failed).</summary>
    public int OutboxMaxAttempts { get; init; } = 8;

    /// <summary>
    /// Flagged re-sends of an answer part whose send ended ambiguous (timeout, 500/502/504) before the outbox holds it
    /// for the operator; 0: held at the first ambiguous failure.
    /// </summary>
    public int OutboxAmbiguousResends { get; init; } = 3;

    /// <summary>First outbox retry delay; doubles per attempt up to <see cref="OutboxMaxRetryDelay"/> (8 attempts ≈ 30 min).</summary>
    public TimeSpan OutboxRetryDelay { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Longest wait between two outbox retries.</summary>
    public TimeSpan OutboxMaxRetryDelay { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Calls per second per API (one bucket per app and API).</summary>
    public int ApiQps { get; init; } = 20;

    /// <summary>Added to each API bucket's one-second window (arrival jitter).</summary>
    public TimeSpan ApiWindowMargin { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Whether <c>apiWindowMarginMs</c> was set (else replicas sharing their buckets use a wider default).</summary>
    public bool ApiWindowMarginSet { get; init; }

    /// <summary>Largest accepted apiWindowMarginMs.</summary>
    public const int MaxApiWindowMarginMs = 1000;

    /// <summary>Session-webhook replies per conversation per <see cref="WebhookRateWindow"/>.</summary>
    public int WebhookRateLimit { get; init; } = 20;

    /// <summary>The window of <see cref="WebhookRateLimit"/>.</summary>
    public TimeSpan WebhookRateWindow { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>True when replies should be AI cards (messageType card).</summary>
    public bool UsesCards => string.Equals(MessageType, "card", StringComparison.OrdinalIgnoreCase);

    /// <summary>Verbose logs.</summary>
    public bool Debug { get; init; }

    /// <summary>Fast reconnect attempts (exponential backoff); after them the client keeps retrying every <see cref="MaxReconnectDelay"/>.</summary>
    public int MaxConnectionAttempts { get; init; } = 10;

    /// <summary>First reconnect delay.</summary>
    public TimeSpan InitialReconnectDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Reconnect delay cap.</summary>
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Jitter factor 0–1.</summary>
    public double ReconnectJitter { get; init; } = 0.3;

    /// <summary>WebSocket PING interval of the Stream link; a link without a PONG is declared dead within two intervals.</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Smallest accepted keepAliveInterval (ms).</summary>
    public const int MinKeepAliveIntervalMs = 1000;

    /// <summary>New-style API base URL.</summary>
    public Uri ApiBaseUrl { get; init; } = new(DingTalkEndpoints.DefaultApi);

    /// <summary>Legacy API base URL.</summary>
    public Uri OapiBaseUrl { get; init; } = new(DingTalkEndpoints.DefaultOapi);

    /// <summary>Dedup memory.</summary>
    public TimeSpan DedupTtl { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Largest media download.</summary>
    public long MaxMediaBytes { get; init; } = 20L * 1024 * 1024;

    /// <summary>Starts of handling after which an unfinished message is given up as poison (ends failed, sender told).</summary>
    public int MaxMessageAttempts { get; init; } = 3;

    /// <summary>The monthly OpenAPI budget this account spends from (shared with the accounts of the same <c>org</c>).</summary>
    public DingTalkQuota Quota { get; init; } = new();

    /// <summary>Staff ids of the bot's owners: quota warnings, pairing requests to approve, owner commands in a DM.</summary>
    public IReadOnlyList<string> Owners { get; init; } = [];

    /// <summary>The card template of the pairing request sent to the owners (Approve/Deny buttons), or null: a text line.</summary>
    public string? OwnerCardTemplateId { get; init; }

    /// <summary>Language of the texts the bot sends to users (<c>locale</c>).</summary>
    public Texts.BotLocale Locale { get; init; } = Texts.BotLocales.Default;

    /// <summary>Merges <paramref name="own"/> over <paramref name="top"/> over the defaults.</summary>
    public static DingTalkAccount From(string id, DingTalkAccountSettings own, DingTalkAccountSettings top)
    {
        var clientId = own.ClientId ?? top.ClientId ?? string.Empty;
        var d = new DingTalkAccount { Id = id, ClientId = clientId, ClientSecret = string.Empty, RobotCode = clientId };
        return d with
        {
            Enabled = own.Enabled ?? top.Enabled ?? true,
            ClientSecret = own.ClientSecret ?? top.ClientSecret ?? string.Empty,
            RobotCode = own.RobotCode ?? top.RobotCode ?? clientId,
            Name = own.Name ?? top.Name ?? d.Name,
            DmPolicy = own.DmPolicy ?? top.DmPolicy ?? d.DmPolicy,
            GroupPolicy = own.GroupPolicy ?? top.GroupPolicy ?? d.GroupPolicy,
            AllowFrom = (own.AllowFrom ?? top.AllowFrom)?.ToList() ?? [],
            Groups = new Dictionary<string, DingTalkGroupSettings>(own.Groups ?? top.Groups ?? new Dictionary<string, DingTalkGroupSettings>(), StringComparer.Ordinal),
            MessageType = own.MessageType ?? top.MessageType ?? d.MessageType,
            CardTemplateId = own.CardTemplateId ?? top.CardTemplateId ?? DefaultCardTemplateId,
            CardTemplateKey = own.CardTemplateKey ?? top.CardTemplateKey ?? DefaultTemplateKey(own.CardTemplateId ?? top.CardTemplateId),
            CardFlowStatus = own.CardFlowStatus ?? top.CardFlowStatus ?? d.CardFlowStatus,
            CardStreamInterval = Ms(Math.Max(MinCardStreamIntervalMs, own.CardStreamInterval ?? top.CardStreamInterval ?? 500)) ?? d.CardStreamInterval,
            CardMaxUpdates = own.CardMaxUpdates ?? top.CardMaxUpdates ?? d.CardMaxUpdates,
            AicardDegradeDuration = Ms(own.AicardDegradeMs ?? top.AicardDegradeMs) ?? d.AicardDegradeDuration,
            ConvertMarkdownTables = own.ConvertMarkdownTables ?? top.ConvertMarkdownTables ?? true,
            ThinkingIndicator = own.ThinkingIndicator ?? top.ThinkingIndicator ?? d.ThinkingIndicator,
            ThinkingDelay = Ms(own.ThinkingDelayMs ?? top.ThinkingDelayMs) ?? d.ThinkingDelay,
            OutboxMaxAttempts = own.OutboxMaxAttempts ?? top.OutboxMaxAttempts ?? d.OutboxMaxAttempts,
            OutboxAmbiguousResends = own.OutboxAmbiguousResends ?? top.OutboxAmbiguousResends ?? d.OutboxAmbiguousResends,
            OutboxRetryDelay = Ms(own.OutboxRetryDelayMs ?? top.OutboxRetryDelayMs) ?? d.OutboxRetryDelay,
            OutboxMaxRetryDelay = Ms(own.OutboxMaxRetryDelayMs ?? top.OutboxMaxRetryDelayMs) ?? d.OutboxMaxRetryDelay,
            ApiQps = own.ApiQps ?? top.ApiQps ?? d.ApiQps,
            ApiWindowMargin = Ms(own.ApiWindowMarginMs ?? top.ApiWindowMarginMs) ?? d.ApiWindowMargin,
            ApiWindowMarginSet = (own.ApiWindowMarginMs ?? top.ApiWindowMarginMs) is not null,
            WebhookRateLimit = own.WebhookRateLimit ?? top.WebhookRateLimit ?? d.WebhookRateLimit,
            WebhookRateWindow = Ms(own.WebhookRateWindowMs ?? top.WebhookRateWindowMs) ?? d.WebhookRateWindow,
            Debug = own.Debug ?? top.Debug ?? false,
            MaxConnectionAttempts = own.MaxConnectionAttempts ?? top.MaxConnectionAttempts ?? d.MaxConnectionAttempts,
            InitialReconnectDelay = Ms(own.InitialReconnectDelay ?? top.InitialReconnectDelay) ?? d.InitialReconnectDelay,
            MaxReconnectDelay = Ms(own.MaxReconnectDelay ?? top.MaxReconnectDelay) ?? d.MaxReconnectDelay,
            ReconnectJitter = own.ReconnectJitter ?? top.ReconnectJitter ?? d.ReconnectJitter,
            KeepAliveInterval = Ms(own.KeepAliveInterval ?? top.KeepAliveInterval) ?? d.KeepAliveInterval,
            ApiBaseUrl = own.Endpoints?.Api ?? top.Endpoints?.Api ?? d.ApiBaseUrl,
            OapiBaseUrl = own.Endpoints?.Oapi ?? top.Endpoints?.Oapi ?? d.OapiBaseUrl,
            DedupTtl = Ms(own.DedupTtlMs ?? top.DedupTtlMs) ?? d.DedupTtl,
            MaxMediaBytes = own.MaxMediaBytes ?? top.MaxMediaBytes ?? d.MaxMediaBytes,
            MaxMessageAttempts = own.MaxMessageAttempts ?? top.MaxMessageAttempts ?? d.MaxMessageAttempts,
            Quota = DingTalkQuota.From(own.Quota, top.Quota),
            Owners = (own.Owners ?? top.Owners)?.ToList() ?? [],
            OwnerCardTemplateId = (own.OwnerCardTemplateId ?? top.OwnerCardTemplateId)?.Trim(),
            Locale = Texts.BotLocales.TryParse(own.Locale ?? top.Locale, out var locale) ? locale.Value : d.Locale,
        };
    }

    /// <inheritdoc/>
    public override string ToString() => $"DingTalkAccount {{ Id = {Id}, ClientId = {ClientId}, ClientSecret = *** }}";

    /// <summary>Smallest accepted cardStreamInterval (ms); lower values are raised to it.</summary>
    public const int MinCardStreamIntervalMs = 200;

    // OpenClaw's table says "content"; its AI-card section says msgContent for the official template. Both hold:
    // msgContent when the template is (or defaults to) the official one, content for a custom template.
    private static string DefaultTemplateKey(string? templateId) =>
        templateId is null || templateId == DefaultCardTemplateId ? "msgContent" : "content";

    private static TimeSpan? Ms(long? ms) => ms is { } v ? TimeSpan.FromMilliseconds(v) : null;
}
