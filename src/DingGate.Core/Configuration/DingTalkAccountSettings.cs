namespace DingGate.Core.Configuration;

/// <summary>
/// The keys of <c>channels.dingtalk</c> (OpenClaw's names) that may be set at the top level and overridden per account
/// under <c>accounts.&lt;id&gt;</c>. Null means "not set here": see <see cref="DingTalkChannelSettings.Resolve"/>.
/// </summary>
public class DingTalkAccountSettings
{
    /// <summary>Whether this account runs. Default true.</summary>
    public bool? Enabled { get; set; }

    /// <summary>App Client ID (AppKey). Required.</summary>
    public string? ClientId { get; set; }

    /// <summary>App Client Secret (AppSecret). Required; never logged.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Robot code; defaults to the client id (internal-app bots).</summary>
    public string? RobotCode { get; set; }

    /// <summary>OpenClaw's enterprise id (<c>corpId</c>): accepted for compatibility, not used (warned at load).</summary>
    public string? CorpId { get; set; }

    /// <summary>OpenClaw's application id (<c>agentId</c>): accepted for compatibility, not used (warned at load).</summary>
    public string? AgentId { get; set; }

    /// <summary>Display name of the bot.</summary>
    public string? Name { get; set; }

    /// <summary>1:1 policy. Default open.</summary>
    public DmPolicy? DmPolicy { get; set; }

    /// <summary>Group policy. Default open.</summary>
    public GroupPolicy? GroupPolicy { get; set; }

    /// <summary>Allowed sender ids (with optional dingtalk:/dd:/ding: prefixes, or "*").</summary>
    public IList<string>? AllowFrom { get; set; }

    /// <summary>Per-group overrides keyed by openConversationId.</summary>
    public IDictionary<string, DingTalkGroupSettings>? Groups { get; set; }

    /// <summary>markdown or card. Default markdown.</summary>
    public string? MessageType { get; set; }

    /// <summary>AI card template id.</summary>
    public string? CardTemplateId { get; set; }

    /// <summary>AI card content variable. Default msgContent for the default template, else content.</summary>
    public string? CardTemplateKey { get; set; }

    /// <summary>
    /// Whether card replies move the template's <c>flowStatus</c> (PUT /v1.0/card/instances): auto, on or off. Default
    /// auto (on for DingTalk's built-in AI card template only).
    /// </summary>
    public string? CardFlowStatus { get; set; }

    /// <summary>Least time between two streaming updates of one card, in ms. Default 500, minimum 200.</summary>
    public int? CardStreamInterval { get; set; }

    /// <summary>Most intermediate streaming updates of one card (lifecycle calls not counted), ≥ 0. Default 20.</summary>
    public int? CardMaxUpdates { get; set; }

    /// <summary>How long card mode stays off for the account after repeated card API failures, in ms. Default 30 min.</summary>
    public long? AicardDegradeMs { get; set; }

    /// <summary>Convert markdown tables to something DingTalk renders. Default true.</summary>
    public bool? ConvertMarkdownTables { get; set; }

    /// <summary>What shows the bot is working in markdown mode: emotion (a reaction on the user's message), message or off. Default emotion.</summary>
    public string? ThinkingIndicator { get; set; }

    /// <summary>Show the thinking indicator only when no answer is out after this many ms. Default 1500.</summary>
    public int? ThinkingDelayMs { get; set; }

    /// <summary>Delivery attempts of an answer that could not be delivered (the first send included) before it ends failed. Default 8.</summary>
    public int? OutboxMaxAttempts { get; set; }

    /// <summary>Flagged re-sends of an ambiguously failed part before it is held for the operator. Default 3.</summary>
    public int? OutboxAmbiguousResends { get; set; }

    /// <summary>Wait before the outbox retries an undelivered answer, in ms; doubles per attempt (with jitter). Default 15000.</summary>
    public long? OutboxRetryDelayMs { get; set; }

    /// <summary>Longest wait between two outbox retries, in ms. Default 900000 (15 min).</summary>
    public long? OutboxMaxRetryDelayMs { get; set; }

    /// <summary>
    /// Calls per second per API that DingTalk allows the app (standard edition: 20 per app and API; paid editions 40, 60
    /// or more). The gateway keeps one bucket per API at this rate. Default 20.
    /// </summary>
    public int? ApiQps { get; set; }

    /// <summary>
    /// Ms added to each API bucket's one-second window, so calls that reach DingTalk with different network delays never
    /// land more than <see cref="ApiQps"/> in any one second as DingTalk counts. 0–1000. Default 20.
    /// </summary>
    public int? ApiWindowMarginMs { get; set; }

    /// <summary>Session-webhook replies allowed per conversation per <see cref="WebhookRateWindowMs"/>. Default 20.</summary>
    public int? WebhookRateLimit { get; set; }

    /// <summary>The window of <see cref="WebhookRateLimit"/>, in ms (60000 models the custom robot's 20 per minute). Default 1000.</summary>
    public int? WebhookRateWindowMs { get; set; }

    /// <summary>Verbose DingTalk logs.</summary>
    public bool? Debug { get; set; }

    /// <summary>Fast reconnect attempts before the client settles on retrying every maxReconnectDelay (forever). Default 10.</summary>
    public int? MaxConnectionAttempts { get; set; }

    /// <summary>First reconnect delay in ms. Default 1000.</summary>
    public int? InitialReconnectDelay { get; set; }

    /// <summary>Reconnect delay cap in ms. Default 60000.</summary>
    public int? MaxReconnectDelay { get; set; }

    /// <summary>Jitter factor 0–1 applied as (1 ± jitter). Default 0.3.</summary>
    public double? ReconnectJitter { get; set; }

    /// <summary>WebSocket PING interval of the Stream link in ms (at least 1000). Default 20000.</summary>
    public int? KeepAliveInterval { get; set; }

    /// <summary>API base URLs.</summary>
    public DingTalkEndpoints? Endpoints { get; set; }

    /// <summary>How long a message id is remembered for dedup, in ms. Default 24 h.</summary>
    public long? DedupTtlMs { get; set; }

    /// <summary>Largest media file downloaded, in bytes. Default 20 MiB.</summary>
    public long? MaxMediaBytes { get; set; }

    /// <summary>
    /// How many times handling of one message may start before it is given up (a "poison" message that stopped the
    /// gateway each time): the entry ends failed and the sender gets an apology. At least 1. Default 3.
    /// </summary>
    public int? MaxMessageAttempts { get; set; }

    /// <summary>The organisation's monthly OpenAPI budget and its thresholds (merged key by key with the top level's).</summary>
    public DingTalkQuotaSettings? Quota { get; set; }

    /// <summary>
    /// Staff ids of the people who run this bot: told in a 1:1 message when the monthly quota runs low, sent every new
    /// pairing request, and the only ones who may use the owner commands (<c>/approve</c>, <c>/pending</c>, …) in a DM.
    /// </summary>
    public IList<string>? Owners { get; set; }

    /// <summary>Card template (with Approve/Deny buttons) of the pairing request sent to the owners; unset: a text line.</summary>
    public string? OwnerCardTemplateId { get; set; }

    /// <summary>Language of the texts the bot sends to users: <c>zh-CN</c> (default) or <c>en</c>.</summary>
    public string? Locale { get; set; }
}
