using DingGate.Core.Secrets;
using DingGate.Core.Configuration;
using DingGate.Core.Configuration.Loading;

namespace DingGate.Core.Tests.Configuration;

public sealed class ConfigLoaderTests : IDisposable
{
    private const string Minimal = """{ channels: { dingtalk: { clientId: "dingabc", clientSecret: "s" } } }""";

    private readonly ConfigFiles _files = new();

    [Fact]
    public void Load_MinimalConfig_AppliesOpenClawDefaults()
    {
        var loaded = _files.Load(Minimal);

        var account = Assert.Single(loaded.Config.Channels.Dingtalk!.Resolve());
        Assert.Equal(("default", "dingabc", "markdown", DmPolicy.Open, GroupPolicy.Open), (account.Id, account.RobotCode, account.MessageType, account.DmPolicy, account.GroupPolicy));
        Assert.Equal((10, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), 0.3), (account.MaxConnectionAttempts, account.InitialReconnectDelay, account.MaxReconnectDelay, account.ReconnectJitter));
        Assert.Equal(TimeSpan.FromMilliseconds(500), account.CardStreamInterval);
        Assert.Equal(20, account.CardMaxUpdates);
        Assert.Equal(Path.Combine(_files.Home, ".dinggate"), loaded.StateDirectory);
        Assert.Equal(Path.Combine(_files.Home, "dinggate.json"), loaded.Path);
        Assert.Empty(loaded.Warnings);
    }

    [Fact]
    public void Load_EveryDingTalkKey_IsBound()
    {
        var loaded = _files.Load("""
            { channels: { dingtalk: {
              enabled: true, clientId: "dingabc", clientSecret: "s", robotCode: "robot1", name: "Bot", dmPolicy: "allowlist",
              groupPolicy: "disabled", allowFrom: ["dingtalk:user1", 42], messageType: "card", cardTemplateId: "tpl.schema",
              cardTemplateKey: "body", debug: true, maxConnectionAttempts: 3, initialReconnectDelay: 250, maxReconnectDelay: 9000,
              reconnectJitter: 0, groups: { cid1: { enabled: false, groupAllowFrom: ["u2"] } },
              endpoints: { api: "http://127.0.0.1:9580", oapi: "http://127.0.0.1:9581" }, dedupTtlMs: 600000, maxMediaBytes: 1024,
              cardStreamInterval: 300, cardMaxUpdates: 7, aicardDegradeMs: 0, convertMarkdownTables: false, thinkingIndicator: "off", thinkingDelayMs: 0,
            } } }
            """);

        var a = Assert.Single(loaded.Config.Channels.Dingtalk!.Resolve());
        Assert.Equal(("robot1", "Bot", DmPolicy.Allowlist, GroupPolicy.Disabled), (a.RobotCode, a.Name, a.DmPolicy, a.GroupPolicy));
        Assert.Equal(["dingtalk:user1", "42"], a.AllowFrom);
        Assert.Equal(("card", "tpl.schema", "body", true), (a.MessageType, a.CardTemplateId, a.CardTemplateKey, a.Debug));
        Assert.Equal((3, 250.0, 9000.0, 0.0), (a.MaxConnectionAttempts, a.InitialReconnectDelay.TotalMilliseconds, a.MaxReconnectDelay.TotalMilliseconds, a.ReconnectJitter));
        Assert.Equal((false, "u2"), (a.Groups["cid1"].Enabled, a.Groups["cid1"].GroupAllowFrom!.Single()));
        Assert.Equal((new Uri("http://127.0.0.1:9580"), new Uri("http://127.0.0.1:9581")), (a.ApiBaseUrl, a.OapiBaseUrl));
        Assert.Equal((TimeSpan.FromMinutes(10), 1024L, TimeSpan.FromMilliseconds(300), TimeSpan.Zero), (a.DedupTtl, a.MaxMediaBytes, a.CardStreamInterval, a.AicardDegradeDuration));
        Assert.Equal((false, "off", TimeSpan.Zero), (a.ConvertMarkdownTables, a.ThinkingIndicator, a.ThinkingDelay));
        Assert.Equal(7, a.CardMaxUpdates);
        Assert.Empty(loaded.Warnings);
    }

    [Fact]
    public void Load_OtherSections_AreBound()
    {
        var loaded = _files.Load("""
            { models: { default: { provider: "demo" }, claude: { provider: "anthropic", model: "claude-x", apiKey: "k", maxOutputTokens: 100, temperature: 0.5, supportsImages: false } },
              agents: { default: { systemPrompt: "Be brief." }, ops: { model: "claude", maxHistoryMessages: 10, maxHistoryChars: 5000 } },
              bindings: [ { channel: "dingtalk", account: "default", agent: "ops" } ],
              session: { scope: "per-user-in-group", queueDepth: 2 },
              gateway: { stateDir: "state", logDir: "/var/log/dinggate", logLevel: "debug" },
              channels: { dingtalk: { clientId: "dingabc", clientSecret: "s" } } }
            """);

        var c = loaded.Config;
        Assert.Equal(("anthropic", 100, 0.5, false), (c.Models["claude"].Provider, c.Models["claude"].MaxOutputTokens, c.Models["claude"].Temperature, c.Models["claude"].SupportsImages));
        Assert.Equal(("claude", 10, 5000), (c.Agents["ops"].Model, c.Agents["ops"].MaxHistoryMessages, c.Agents["ops"].MaxHistoryChars));
        Assert.Equal("Be brief.", c.Agents["default"].SystemPrompt);
        Assert.Equal(("dingtalk", "default", "ops"), (c.Bindings[0].Channel, c.Bindings[0].Account, c.Bindings[0].Agent));
        Assert.Equal(("per-user-in-group", 2), (c.Session.Scope, c.Session.QueueDepth));
        Assert.Equal(("/var/log/dinggate", "debug"), (c.Gateway.LogDir, c.Gateway.LogLevel));
        Assert.Equal(Path.Combine(_files.Home, "state"), loaded.StateDirectory);
    }

    // Issue 14: agents.maxConcurrentTurns is a number beside the named agents (a reserved name), 1 to 4096.
    [Fact]
    public void Load_MaxConcurrentTurns_BoundBesideTheAgents()
    {
        var loaded = _files.Load("""{ agents: { maxConcurrentTurns: 128, default: { systemPrompt: "Be brief." } } }""");

        Assert.Equal(128, loaded.Config.MaxConcurrentTurns);
        Assert.Equal(["default"], loaded.Config.Agents.Keys);
        Assert.Null(_files.Load("""{ agents: { default: {} } }""").Config.MaxConcurrentTurns);
    }

    [Theory]
    [InlineData("0", "must be between 1 and 4096")]
    [InlineData("4097", "must be between 1 and 4096")]
    [InlineData("{ model: \"default\" }", "")]
    [InlineData("\"64\"", "")]
    public void Load_MaxConcurrentTurnsInvalid_ErrorNamesTheKey(string value, string reason)
    {
        var error = _files.LoadFails("{ agents: { maxConcurrentTurns: " + value + " } }");

        var problem = Assert.Single(error.Errors);
        Assert.Equal("agents.maxConcurrentTurns", problem.Path);
        Assert.Contains(reason, problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_StateDirVariable_OverridesGatewayStateDir()
    {
        _files.Environment["DINGGATE_STATE_DIR"] = Path.Combine(_files.Home, "from-env");

        var loaded = _files.Load("""{ gateway: { stateDir: "/elsewhere" } }""");

        Assert.Equal(Path.Combine(_files.Home, "from-env"), loaded.StateDirectory);
    }

    [Fact]
    public void Create_PathRule_OptionThenVariableThenDefault()
    {
        _files.Environment["DINGGATE_CONFIG"] = "~/from-env.json";

        Assert.Equal(Path.Combine(_files.Home, "opt.json"), _files.Source(Path.Combine(_files.Home, "opt.json")).Path);
        Assert.Equal(Path.Combine(_files.Home, "from-env.json"), _files.Source(null).Path);
        _files.Environment.Clear();
        Assert.Equal(Path.Combine(_files.Home, ".dinggate", "dinggate.json"), _files.Source(null).Path);
    }

    [Fact]
    public void Load_MissingFile_ErrorNamesPathAndOnboard()
    {
        var path = Path.Combine(_files.Home, "nope", "dinggate.json");

        var error = Assert.Throws<ConfigException>(() => new ConfigLoader().Load(_files.Source(path)));

        var only = Assert.Single(error.Errors);
        Assert.Contains(path, only.Reason, StringComparison.Ordinal);
        Assert.Contains("dinggate onboard", only.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\n  channels: {\n    dingtalk: { clientId: \"a\" clientSecret: \"b\" },\n  },\n}", ":3:")]
    [InlineData("{ models: { default: { provider: 'openai', } }\n", ":2:")]
    public void Load_SyntaxError_ErrorCarriesLineAndColumn(string text, string linePart)
    {
        var error = _files.LoadFails(text);

        var only = Assert.Single(error.Errors);
        Assert.Matches(@"dinggate\.json:\d+:\d+$", only.Path);
        Assert.Contains(linePart, only.Path, StringComparison.Ordinal);
        Assert.Contains("JSON5", only.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_Retention_DurationsInMsOrWithUnits()
    {
        var loaded = _files.Load("""
            { storage: { retention: { journal: "14d", media: 3600000, sessionHistory: "720h", outbox: "90m", interval: "30m", batchSize: 200 } },
              channels: { dingtalk: { clientId: "a", clientSecret: "b" } } }
            """);

        Assert.Equal(
            new RetentionPolicy(TimeSpan.FromDays(14), TimeSpan.FromHours(1), TimeSpan.FromDays(30), TimeSpan.FromMinutes(90), TimeSpan.FromMinutes(30), 200),
            loaded.Config.Storage.Retention.Resolve());
        Assert.Empty(loaded.Warnings);
    }

    [Fact]
    public void Load_StoragePostgres_ProviderAndConnectionStringWithEnvPassword()
    {
        _files.Environment["PGPASSWORD_TEST"] = "pw-0010";
        var loaded = _files.Load("""
            { storage: { provider: "postgres", connectionString: "Host=db;Database=dinggate;Username=dg;Password=${PGPASSWORD_TEST}" },
              channels: { dingtalk: { clientId: "a", clientSecret: "b" } } }
            """);

        Assert.Equal(StorageProvider.Postgres, loaded.Config.Storage.EffectiveProvider);
        Assert.Equal("Host=db;Database=dinggate;Username=dg;Password=pw-0010", loaded.Config.Storage.ConnectionString);
    }

    [Fact]
    public void Load_CoordinationRedis_WithEnvPassword()
    {
        _files.Environment["REDIS_PASSWORD_TEST"] = "pw-0012";
        var loaded = _files.Load("""
            { coordination: { redis: "127.0.0.1:6379,password=${REDIS_PASSWORD_TEST}" },
              channels: { dingtalk: { clientId: "a", clientSecret: "b" } } }
            """);

        Assert.Equal("127.0.0.1:6379,password=pw-0012", loaded.Config.Coordination.Redis);
        Assert.Contains("pw-0012", ConfigSecrets.Of(loaded.Config));
    }

    [Fact]
    public void Load_CoordinationKeyPrefix_Bound()
    {
        var loaded = _files.Load("""
            { coordination: { redis: "127.0.0.1:6379", keyPrefix: "dinggate-prod:" },
              channels: { dingtalk: { clientId: "a", clientSecret: "b" } } }
            """);

        Assert.Equal("dinggate-prod:", loaded.Config.Coordination.KeyPrefix);
        Assert.Equal("dinggate-prod:", loaded.Config.Coordination.EffectiveKeyPrefix);
    }

    [Fact]
    public void Load_NoCoordinationKeyPrefix_DefaultsToDinggate()
    {
        var loaded = _files.Load(Minimal);

        Assert.Null(loaded.Config.Coordination.KeyPrefix);
        Assert.Equal("dinggate:", loaded.Config.Coordination.EffectiveKeyPrefix);
    }

    [Fact]
    public void Load_NoStorage_SqliteWithoutConnectionString()
    {
        var loaded = _files.Load(Minimal);

        Assert.Equal(StorageProvider.Sqlite, loaded.Config.Storage.EffectiveProvider);
        Assert.Null(loaded.Config.Storage.ConnectionString);
    }

    [Fact]
    public void Load_NoRetention_TakesTheDefaults()
    {
        var policy = _files.Load(Minimal).Config.Storage.Retention.Resolve();

        Assert.Equal(
            (TimeSpan.FromDays(7), TimeSpan.FromHours(24), TimeSpan.FromDays(30), TimeSpan.FromDays(7), TimeSpan.FromHours(1), 500),
            (policy.Journal, policy.Media, policy.SessionHistory, policy.Outbox, policy.Interval, policy.BatchSize));
    }

    [Fact]
    public void Load_UnknownKeysOutsideChannelsDingtalk_AreWarningsNotErrors()
    {
        var loaded = _files.Load("""{ telemetry: true, gateway: { logLevle: "debug" }, channels: { slack: {}, dingtalk: { clientId: "a", clientSecret: "b" } } }""");

        Assert.Equal(["telemetry", "gateway.logLevle", "channels.slack"], loaded.Warnings.Select(w => w.Path));
        Assert.Contains("did you mean 'logLevel'", loaded.Warnings[1].Message, StringComparison.Ordinal);
        Assert.Equal("unknown key, ignored", loaded.Warnings[0].Message);
    }

    [Fact]
    public void Load_UnknownKeysUnderChannelsDingtalk_AreErrors()
    {
        var error = _files.LoadFails("""{ channels: { dingtalk: { clientId: "a", clientSecret: "b", ClientId: "x", accounts: { main: { colour: "red", groups: { cidA: { colour: "red" } } } } } } }""");

        // A group's keys too (issue 16): a misspelt sessionScope or groupAllowFrom would silently share or open a group.
        Assert.Equal(["channels.dingtalk.ClientId", "channels.dingtalk.accounts.main.colour", "channels.dingtalk.accounts.main.groups.cidA.colour"], error.Errors.Select(e => e.Path));
        Assert.Contains("did you mean 'clientId'", error.Errors[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SeveralProblems_AllAreReported()
    {
        var error = _files.LoadFails("""{ session: { scope: "x", queueDepth: 0 }, channels: { dingtalk: { clientId: "a", clientSecret: "b", dmPolicy: "nope" } } }""");

        Assert.Equal(["channels.dingtalk.dmPolicy", "session.queueDepth", "session.scope"], error.Errors.Select(e => e.Path).Order(StringComparer.Ordinal));
        Assert.Equal("\"nope\"", error.Errors.Single(e => e.Path.EndsWith("dmPolicy", StringComparison.Ordinal)).Value);
    }

    [Theory]
    [MemberData(nameof(BrokenConfigs.Cases), MemberType = typeof(BrokenConfigs))]
    public void Load_BrokenConfig_ErrorNamesPathAndReasonWithoutSecrets(string name, string text, string path, string reason)
    {
        var error = _files.LoadFails(text);

        Assert.True(error.Errors.Any(e => e.Path == path && e.Reason.Contains(reason, StringComparison.Ordinal)), $"{name}: {error.Message}");
        Assert.DoesNotContain(BrokenConfigs.Secret, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(BrokenConfigs.NumericSecret, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_OutboxKeys_BoundAndValidated()
    {
        var loaded = _files.Load("""
            { channels: { dingtalk: { clientId: "dingabc", clientSecret: "s", outboxMaxAttempts: 3, outboxRetryDelayMs: 1000,
              accounts: { a: { outboxMaxRetryDelayMs: 60000, outboxAmbiguousResends: 0 }, b: {} } } } }
            """);
        var accounts = loaded.Config.Channels.Dingtalk!.Resolve();
        Assert.Equal([0, 3], accounts.Select(a => a.OutboxAmbiguousResends));
        Assert.All(accounts, a => Assert.Equal((3, TimeSpan.FromSeconds(1)), (a.OutboxMaxAttempts, a.OutboxRetryDelay)));
        Assert.Equal([TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(15)], accounts.Select(a => a.OutboxMaxRetryDelay));

        var error = _files.LoadFails("""
            { channels: { dingtalk: { clientId: "dingabc", clientSecret: "s", outboxMaxAttempts: 0, outboxRetryDelayMs: 5000, outboxMaxRetryDelayMs: 1000, outboxAmbiguousResends: -1 } } }
            """);
        Assert.Contains(error.Errors, e => e.Path == "channels.dingtalk.outboxAmbiguousResends" && e.Reason.Contains("at least 0", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.Path == "channels.dingtalk.outboxMaxAttempts" && e.Reason.Contains("at least 1", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.Path == "channels.dingtalk.outboxMaxRetryDelayMs" && e.Reason.Contains("outboxRetryDelayMs", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_ApiLimitKeys_TopLevelDefaultsWithPerAccountOverrides()
    {
        var loaded = _files.Load("""
            { channels: { dingtalk: { clientId: "dingabc", clientSecret: "s", apiQps: 60, apiWindowMarginMs: 50, ipRateLimit: 5000,
              webhookRateLimit: 20, webhookRateWindowMs: 60000,
              accounts: { paid: {}, standard: { apiQps: 20, apiWindowMarginMs: 0, webhookRateLimit: 5, webhookRateWindowMs: 1000 } } } } }
            """);
        var channel = loaded.Config.Channels.Dingtalk!;
        var accounts = channel.Resolve().ToDictionary(a => a.Id);

        Assert.Equal(5000, channel.IpRateLimit);
        Assert.Equal((60, TimeSpan.FromMilliseconds(50), 20, TimeSpan.FromMinutes(1)),
            (accounts["paid"].ApiQps, accounts["paid"].ApiWindowMargin, accounts["paid"].WebhookRateLimit, accounts["paid"].WebhookRateWindow));
        Assert.Equal((20, TimeSpan.Zero, 5, TimeSpan.FromSeconds(1)),
            (accounts["standard"].ApiQps, accounts["standard"].ApiWindowMargin, accounts["standard"].WebhookRateLimit, accounts["standard"].WebhookRateWindow));
    }

    [Fact]
    public void Load_NoApiLimitKeys_DingTalksStandardEditionDefaults()
    {
        var account = _files.Load("""{ channels: { dingtalk: { clientId: "dingabc", clientSecret: "s" } } }""").Config.Channels.Dingtalk!.Resolve().Single();

        Assert.Equal((20, TimeSpan.FromMilliseconds(20), 20, TimeSpan.FromSeconds(1)),
            (account.ApiQps, account.ApiWindowMargin, account.WebhookRateLimit, account.WebhookRateWindow));
    }

    [Fact]
    public void Load_QuotaAndOwners_MergedKeyByKey_SharedPerOrg()
    {
        var loaded = _files.Load("""
            { channels: { dingtalk: { clientSecret: "s", quota: { monthlyCalls: 10000, warnPercent: 70 }, owners: ["manager01"],
              accounts: { a: { clientId: "dinga" }, b: { clientId: "dingb" },
                          c: { clientId: "dingc", owners: ["boss02"], quota: { org: "other", monthlyCalls: 5000, indicatorOffPercent: 92 } } } } } }
            """);
        var accounts = loaded.Config.Channels.Dingtalk!.Resolve().ToDictionary(a => a.Id);

        Assert.Equal(new DingTalkQuota { MonthlyCalls = 10000, WarnPercent = 70 }, accounts["a"].Quota);
        Assert.Equal(accounts["a"].Quota, accounts["b"].Quota);
        Assert.Equal(new DingTalkQuota { MonthlyCalls = 5000, WarnPercent = 70, IndicatorOffPercent = 92, Org = "other" }, accounts["c"].Quota);
        Assert.Equal(["manager01"], accounts["a"].Owners);
        Assert.Equal(["boss02"], accounts["c"].Owners);
        Assert.Equal(new DingTalkQuota(), _files.Load(Minimal).Config.Channels.Dingtalk!.Resolve()[0].Quota);
    }

    [Fact]
    public void Load_QuotaKeys_Validated()
    {
        var error = _files.LoadFails("""
            { channels: { dingtalk: { clientSecret: "s", quota: { monthlyCalls: -1, cardsOffPercent: 70, webhookOnlyPercent: 120, monthlyCals: 3 },
              accounts: { a: { clientId: "dinga" }, b: { clientId: "dingb", quota: { monthlyCalls: 9 } } } } } }
            """);

        Assert.Contains(error.Errors, e => e.Path == "channels.dingtalk.quota.monthlyCals" && e.Reason.Contains("monthlyCalls", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.Path == "channels.dingtalk.accounts.a.quota.monthlyCalls");
        Assert.Contains(error.Errors, e => e.Path == "channels.dingtalk.accounts.a.quota.cardsOffPercent" && e.Reason.Contains("warnPercent", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.Path == "channels.dingtalk.accounts.a.quota.webhookOnlyPercent" && e.Reason.Contains("between 1 and 100", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.Path == "channels.dingtalk.accounts.b.quota" && e.Reason.Contains("share quota org 'default'", StringComparison.Ordinal));
    }

    public void Dispose() => _files.Dispose();
}
