namespace DingGate.Core.Tests.Configuration;

/// <summary>
/// Configurations that are valid JSON5 but wrong, each with the JSON path and a fragment of the reason its error must
/// carry. Shared (as a linked file) by the loader tests and the <c>dinggate config validate</c> tests.
/// </summary>
internal static class BrokenConfigs
{
    /// <summary>A secret every case carries; it must never appear in any message.</summary>
    public const string Secret = "S3cr3t-Value-xyz";

    /// <summary>A numeric secret (wrong type on purpose); must not appear either.</summary>
    public const string NumericSecret = "98765432";

    /// <summary>An environment variable no test environment sets.</summary>
    public const string UnsetVariable = "DINGGATE_TEST_UNSET_VARIABLE_5";

    public static TheoryData<string, string, string, string> Cases => new()
    {
        { "dmPolicy-unknown", Dt("""accounts: { main: { clientId: "dingmain", dmPolicy: "closed" } }"""), "channels.dingtalk.accounts.main.dmPolicy", "open | pairing | allowlist" },
        { "groupPolicy-unknown", Dt("""groupPolicy: "everyone" """), "channels.dingtalk.groupPolicy", "open | allowlist | disabled" },
        { "messageType-unknown", Dt("""messageType: "html" """), "channels.dingtalk.messageType", "markdown | card" },
        { "reconnectJitter-above-1", Dt("reconnectJitter: 1.5"), "channels.dingtalk.reconnectJitter", "between 0 and 1" },
        { "reconnectJitter-NaN", Dt("reconnectJitter: NaN"), "channels.dingtalk.reconnectJitter", "finite number" },
        { "initialReconnectDelay-zero", Dt("initialReconnectDelay: 0"), "channels.dingtalk.initialReconnectDelay", "greater than 0" },
        { "maxReconnectDelay-negative", Dt("maxReconnectDelay: -5"), "channels.dingtalk.maxReconnectDelay", "greater than 0" },
        { "maxReconnectDelay-below-initial", Dt("initialReconnectDelay: 5000, maxReconnectDelay: 1000"), "channels.dingtalk.maxReconnectDelay", "not be less than initialReconnectDelay" },
        { "cardStreamInterval-too-small", Dt("cardStreamInterval: 100"), "channels.dingtalk.cardStreamInterval", "at least 200" },
        { "cardMaxUpdates-negative", Dt("cardMaxUpdates: -1"), "channels.dingtalk.cardMaxUpdates", "at least 0" },
        { "maxConnectionAttempts-zero", Dt("maxConnectionAttempts: 0"), "channels.dingtalk.maxConnectionAttempts", "at least 1" },
        { "maxConnectionAttempts-string", Dt("""maxConnectionAttempts: "ten" """), "channels.dingtalk.maxConnectionAttempts", "whole number" },
        { "maxConnectionAttempts-fraction", Dt("maxConnectionAttempts: 2.5"), "channels.dingtalk.maxConnectionAttempts", "whole number" },
        { "enabled-string", Dt("""enabled: "yes" """), "channels.dingtalk.enabled", "true or false" },
        { "allowFrom-string", Dt("""allowFrom: "user001" """), "channels.dingtalk.allowFrom", "must be an array" },
        { "cardFlowStatus-unknown", Dt("""cardFlowStatus: "yes" """), "channels.dingtalk.cardFlowStatus", "auto | on | off" },
        { "cardFlowStatus-account-bool", Dt("""accounts: { main: { clientId: "dingmain", cardFlowStatus: true } }"""), "channels.dingtalk.accounts.main.cardFlowStatus", "must be a string" },
        { "thinkingIndicator-unknown", Dt("""thinkingIndicator: "spinner" """), "channels.dingtalk.thinkingIndicator", "emotion | message | off" },
        { "endpoints-api-not-url", Dt("""endpoints: { api: "api.dingtalk.com" }"""), "channels.dingtalk.endpoints.api", "absolute http" },
        { "group-enabled-string", Dt("""groups: { cidAbC123: { enabled: "no" } }"""), "channels.dingtalk.groups.cidAbC123.enabled", "true or false" },
        { "apiQps-zero", Dt("apiQps: 0"), "channels.dingtalk.apiQps", "at least 1" },
        { "apiQps-account-fraction", Dt("""accounts: { main: { clientId: "dingmain", apiQps: 2.5 } }"""), "channels.dingtalk.accounts.main.apiQps", "whole number" },
        { "apiWindowMarginMs-above-1000", Dt("apiWindowMarginMs: 5000"), "channels.dingtalk.apiWindowMarginMs", "between 0 and 1000" },
        { "webhookRateLimit-zero", Dt("webhookRateLimit: 0"), "channels.dingtalk.webhookRateLimit", "at least 1" },
        { "webhookRateWindowMs-negative", Dt("webhookRateWindowMs: -1"), "channels.dingtalk.webhookRateWindowMs", "at least 1" },
        { "ipRateLimit-zero", Dt("ipRateLimit: 0"), "channels.dingtalk.ipRateLimit", "at least 1" },
        { "ipRateLimit-in-account", Dt("""accounts: { main: { clientId: "dingmain", ipRateLimit: 500 } }"""), "channels.dingtalk.accounts.main.ipRateLimit", "unknown key" },
        { "account-without-secret", $$"""{ channels: { dingtalk: { accounts: { ops: { clientId: "dingops" }, main: { clientId: "dingmain", clientSecret: "{{Secret}}" } } } } }""", "channels.dingtalk.accounts.ops.clientSecret", "is required" },
        { "no-client-id", $$"""{ channels: { dingtalk: { clientSecret: "{{Secret}}" } } }""", "channels.dingtalk.clientId", "is required" },
        { "clientSecret-number", $$"""{ channels: { dingtalk: { clientId: "dingabc", clientSecret: {{NumericSecret}} } } }""", "channels.dingtalk.clientSecret", "must be a string" },
        { "provider-unknown", Models("""provider: "gemini", model: "x" """), "models.default.provider", "openai | anthropic | demo" },
        { "provider-missing", Models("""model: "qwen-plus" """), "models.default.provider", "is required" },
        { "baseUrl-relative", Models("""provider: "openai", model: "qwen-plus", baseUrl: "dashscope.aliyuncs.com/compatible-mode/v1" """), "models.default.baseUrl", "absolute http" },
        { "baseUrl-ftp", Models("""provider: "openai", model: "qwen-plus", baseUrl: "ftp://example.com/v1" """), "models.default.baseUrl", "absolute http" },
        { "apiKey-number", Models($$"""provider: "openai", model: "qwen-plus", apiKey: {{NumericSecret}} """), "models.default.apiKey", "must be a string" },
        { "apiKey-unset-variable", Models($$"""provider: "openai", model: "qwen-plus", apiKey: "${{{UnsetVariable}}}" """), "models.default.apiKey", UnsetVariable },
        { "agent-unknown-model", Dt("", """, models: { default: { provider: "demo" } }, agents: { helper: { model: "gpt9" } }"""), "agents.helper.model", "names no model" },
        { "binding-unknown-agent", Dt("", """, bindings: [ { channel: "dingtalk", account: "default", agent: "ghost" } ]"""), "bindings[0].agent", "names no agent" },
        { "binding-unknown-account", Dt("", """, agents: { default: {} }, bindings: [ { account: "nobody", agent: "default" } ]"""), "bindings[0].account", "names no account" },
        { "binding-openclaw-unknown-agent", Dt("", """, bindings: [ { agentId: "ghost", match: { channel: "dingtalk", peer: { kind: "group", id: "cidA==" } } } ]"""), "bindings[0].agentId", "names no agent" },
        { "binding-openclaw-unknown-account", Dt("", """, bindings: [ { agentId: "default", match: { channel: "dingtalk", accountId: "nobody" } } ]"""), "bindings[0].match.accountId", "names no account" },
        { "binding-openclaw-peer-kind-channel", Dt("", """, bindings: [ { agentId: "default", match: { channel: "dingtalk", peer: { kind: "channel", id: "c1" } } } ]"""), "bindings[0].match.peer", "kind: \"direct\"" },
        { "binding-openclaw-peer-no-id", Dt("", """, bindings: [ { agentId: "default", match: { channel: "dingtalk", peer: { kind: "group" } } } ]"""), "bindings[0].match.peer", "kind: \"group\"" },
        { "binding-openclaw-guildId", Dt("", """, bindings: [ { agentId: "default", match: { channel: "dingtalk", guildId: "g1" } } ]"""), "bindings[0].match.guildId", "no guilds" },
        { "binding-peer-unknown-prefix", Dt("", """, bindings: [ { peer: "room:cidA==", agent: "default" } ]"""), "bindings[0].peer", "group:<openConversationId>" },
        { "binding-peer-empty-id", Dt("", """, bindings: [ { peer: "user:  ", agent: "default" } ]"""), "bindings[0].peer", "the id not empty" },
        { "binding-misspelt-peer", Dt("", """, bindings: [ { peeer: "group:cidA==", agent: "default" } ]"""), "bindings[0].peeer", "did you mean 'peer'" },
        { "binding-shapes-mixed", Dt("", """, bindings: [ { agentId: "default", account: "default", match: { channel: "dingtalk" } } ]"""), "bindings[0].account", "cannot be mixed" },
        { "group-sessionScope-unknown", Dt("""groups: { cidA: { sessionScope: "per-group" } }"""), "channels.dingtalk.groups.cidA.sessionScope", "shared | per-member" },
        { "group-misspelt-systemPrompt", Dt("""groups: { cidA: { sytemPrompt: "be brief" } }"""), "channels.dingtalk.groups.cidA.sytemPrompt", "did you mean 'systemPrompt'" },
        { "session-scope-unknown", Dt("", """, session: { scope: "per-group" }"""), "session.scope", "per-peer | per-user-in-group" },
        { "session-queueDepth-zero", Dt("", """, session: { queueDepth: 0 }"""), "session.queueDepth", "at least 1" },
        { "root-array", "[1, 2]", "(root)", "must be an object" },
        { "dedupTtlMs-huge", Dt("dedupTtlMs: 1e19"), "channels.dingtalk.dedupTtlMs", "whole number" },
        { "dedupTtlMs-below-redelivery-window", Dt("dedupTtlMs: 60000"), "channels.dingtalk.dedupTtlMs", "at least 600000 (DingTalk's redelivery window" },
        { "retention-journal-negative", Dt("", """, storage: { retention: { journal: -1 } }"""), "storage.retention.journal", "greater than 0" },
        { "retention-sessionHistory-negative-unit", Dt("", """, storage: { retention: { sessionHistory: "-2d" } }"""), "storage.retention.sessionHistory", "greater than 0" },
        { "retention-outbox-zero", Dt("", """, storage: { retention: { outbox: 0 } }"""), "storage.retention.outbox", "greater than 0" },
        { "retention-media-negative", Dt("", """, storage: { retention: { media: "-1h" } }"""), "storage.retention.media", "0 or more" },
        { "retention-interval-too-small", Dt("", """, storage: { retention: { interval: "10s" } }"""), "storage.retention.interval", "at least 60000" },
        { "retention-batchSize-zero", Dt("", """, storage: { retention: { batchSize: 0 } }"""), "storage.retention.batchSize", "between 1 and 10000" },
        { "retention-journal-unknown-unit", Dt("", """, storage: { retention: { journal: "1 week" } }"""), "storage.retention.journal", "must be a duration" },
        { "retention-journal-shorter-than-dedup", Dt("dedupTtlMs: 172800000", """, storage: { retention: { journal: "1d" } }"""), "storage.retention.journal", "longest channels.dingtalk dedupTtlMs (172800000)" },
        { "storage-postgres-without-connectionString", Dt("", """, storage: { provider: "postgres" }"""), "storage.connectionString", "required when storage.provider is \"postgres\"" },
        { "storage-provider-unknown", Dt("", """, storage: { provider: "mysql" }"""), "storage.provider", "sqlite | postgres" },
        { "coordination-redis-unknown-option", Dt("", $$""", coordination: { redis: "cache:6379,password={{Secret}},bogusOption=1" }"""), "coordination.redis", "not a valid Redis connection string" },
        { "coordination-redis-bad-value", Dt("", $$""", coordination: { redis: "cache:6379,password={{Secret}},connectTimeout=soon" }"""), "coordination.redis", "not a valid Redis connection string" },
        { "coordination-redis-no-endpoint", Dt("", $$""", coordination: { redis: "password={{Secret}}" }"""), "coordination.redis", "no host:port" },
        { "coordination-redis-empty", Dt("", """, coordination: { redis: " " }"""), "coordination.redis", "must not be empty" },
        { "coordination-keyPrefix-empty", Dt("", """, coordination: { keyPrefix: "" }"""), "coordination.keyPrefix", "must not be empty" },
        { "coordination-keyPrefix-too-long", Dt("", $$""", coordination: { keyPrefix: "{{new string('k', 65)}}" }"""), "coordination.keyPrefix", "at most 64" },
        { "coordination-keyPrefix-space", Dt("", """, coordination: { keyPrefix: "prod cluster:" }"""), "coordination.keyPrefix", "whitespace or control characters" },
        { "coordination-keyPrefix-control", Dt("", """, coordination: { keyPrefix: "prod\tcluster:" }"""), "coordination.keyPrefix", "whitespace or control characters" },
        { "coordination-keyPrefix-not-a-string", Dt("", """, coordination: { keyPrefix: 7 }"""), "coordination.keyPrefix", "" },
        { "coordination-redis-not-a-string", Dt("", """, coordination: { redis: 6379 }"""), "coordination.redis", "" },
        { "maxMessageAttempts-zero", Dt("maxMessageAttempts: 0"), "channels.dingtalk.maxMessageAttempts", "at least 1" },
        { "attachments-maxDecompressedBytes-tiny", Dt("", """, attachments: { maxDecompressedBytes: 1000 }"""), "attachments.maxDecompressedBytes", "at least 65536" },
        { "attachments-maxParts-two", Dt("", """, attachments: { maxParts: 2 }"""), "attachments.maxParts", "at least 3" },
        { "attachments-timeoutMs-zero", Dt("", """, attachments: { timeoutMs: 0 }"""), "attachments.timeoutMs", "at least 100" },
    };

    // A DingTalk section with valid credentials plus the keys under test; `rest` adds root-level sections.
    private static string Dt(string keys, string rest = "") =>
        $$"""{ channels: { dingtalk: { clientId: "dingabc", clientSecret: "{{Secret}}", {{keys}} } }{{rest}} }""";

    private static string Models(string keys) => Dt("", $", models: {{ default: {{ {keys} }} }}");
}
