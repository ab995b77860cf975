using DingGate.Core.Configuration;
using DingGate.Core.Inbound;

namespace DingGate.Core.Tests.Configuration;

// bindings by account, group and user in DingGate's and OpenClaw's shapes, and the per-group systemPrompt and
// sessionScope (issue 16, item 5).
public sealed class BindingsConfigTests : IDisposable
{
    private const string Channel = """channels: { dingtalk: { clientSecret: "s", accounts: { a: { clientId: "dinga" }, b: { clientId: "dingb" } } } }""";
    private const string Agents = """agents: { sales: {}, support: {}, boss: {} }""";

    private readonly ConfigFiles _files = new();

    [Fact]
    public void Load_BothShapes_BindToTheSameBindings()
    {
        var loaded = _files.Load($$"""
            { {{Channel}}, {{Agents}}, bindings: [
              { channel: "dingtalk", account: "a", peer: "group:cidSales==", agent: "sales" },
              { agentId: "support", match: { channel: "dingtalk", accountId: "b", peer: { kind: "group", id: "cidHelp==" } } },
              { agentId: "boss", match: { channel: "dingtalk", accountId: "*", peer: { kind: "direct", id: "boss01" } } },
              { agentId: "boss", match: { channel: "dingtalk", accountId: "a", peer: { kind: "dm", id: "boss02" } }, comment: "legacy kind" },
              { account: "b", agent: "support" },
            ] }
            """);

        Assert.Equal(
            [
                ("a", "group:cidSales==", "sales", AgentBindingShape.DingGate),
                ("b", "group:cidHelp==", "support", AgentBindingShape.OpenClaw),
                ("*", "user:boss01", "boss", AgentBindingShape.OpenClaw),
                ("a", "user:boss02", "boss", AgentBindingShape.OpenClaw),
                ("b", null, "support", AgentBindingShape.DingGate),
            ],
            loaded.Config.Bindings.Select(b => (b.Account, b.Peer, b.Agent, b.Shape)));
        Assert.Empty(loaded.Warnings);
    }

    [Fact]
    public void Load_TwoBindingsWithTheSameMatch_WarningNotError()
    {
        var loaded = _files.Load($$"""
            { {{Channel}}, {{Agents}}, bindings: [
              { account: "a", peer: "group:cidSales==", agent: "sales" },
              { agentId: "support", match: { channel: "dingtalk", accountId: "a", peer: { kind: "group", id: "cidSales==" } } },
              { peer: "group:cidSales==", agent: "boss" },
            ] }
            """);

        var warning = Assert.Single(loaded.Warnings);
        Assert.Equal("bindings[1]", warning.Path);
        Assert.Contains("same messages as bindings[0]", warning.Message, StringComparison.Ordinal);
        Assert.Contains("never applies", warning.Message, StringComparison.Ordinal);
    }

    // OpenClaw: a binding without accountId matches the default account only; DingGate: every account. Said aloud.
    [Fact]
    public void Load_OpenClawShapeWithoutAccountIdAmongSeveralAccounts_WarnsThatItMatchesEveryAccount()
    {
        var several = _files.Load($$"""{ {{Channel}}, {{Agents}}, bindings: [ { agentId: "sales", match: { channel: "dingtalk", peer: { kind: "group", id: "cidSales==" } } } ] }""");
        var single = _files.Load($$"""{ channels: { dingtalk: { clientId: "dinga", clientSecret: "s" } }, {{Agents}}, bindings: [ { agentId: "sales", match: { channel: "dingtalk" } } ] }""");

        var warning = Assert.Single(several.Warnings);
        Assert.Equal("bindings[0].match.accountId", warning.Path);
        Assert.Contains("every account", warning.Message, StringComparison.Ordinal);
        Assert.Empty(single.Warnings);
        Assert.Null(Assert.Single(several.Config.Bindings).Account);
    }

    [Fact]
    public void Matcher_PrecedenceAndKinds()
    {
        List<AgentBinding> bindings =
        [
            new() { Agent = "any" },
            new() { Account = "a", Agent = "account" },
            new() { Peer = "group:cidSales==", Agent = "group-any" },
            new() { Account = "a", Peer = "group:cidSales==", Agent = "group-a" },
            new() { Peer = "user:boss01", Agent = "user" },
            new() { Channel = "slack", Account = "a", Peer = "group:cidSales==", Agent = "slack" },
        ];

        Assert.Equal("group-a", Find(bindings, "a", ConversationKind.Group, "cidSales==", "u1"));
        Assert.Equal("group-any", Find(bindings, "b", ConversationKind.Group, "cidSales==", "u1"));
        Assert.Equal("account", Find(bindings, "a", ConversationKind.Group, "cidOther==", "boss01"));
        Assert.Equal("any", Find(bindings, "b", ConversationKind.Group, "cidsales==", "u1")); // ids are case-sensitive
        Assert.Equal("user", Find(bindings, "a", ConversationKind.Direct, "cidDm==", "boss01"));
        Assert.Null(AgentBindingMatcher.Find([new AgentBinding { Account = "a", Agent = "x" }], "b", ConversationKind.Direct, "c", "u"));
    }

    [Fact]
    public void Load_GroupSystemPromptAndSessionScope_AccountGroupsReplaceTheChannels()
    {
        var loaded = _files.Load("""
            { channels: { dingtalk: { clientSecret: "s",
                groups: { "cidTop==": { systemPrompt: "只谈销售。", sessionScope: "per-member" } },
                accounts: { a: { clientId: "dinga" },
                            b: { clientId: "dingb", groups: { "cidOwn==": { sessionScope: "shared", groupAllowFrom: ["u1"] } } } } } } }
            """);
        var config = loaded.Config;

        var top = DingTalkGroups.For(config, "a", "cidTop==");
        Assert.Equal(("只谈销售。", "per-member"), (top?.SystemPrompt, top?.SessionScope));
        Assert.Equal("shared", DingTalkGroups.For(config, "b", "cidOwn==")?.SessionScope);
        Assert.Null(DingTalkGroups.For(config, "b", "cidTop=="));
        Assert.Null(DingTalkGroups.For(config, "a", "cidOther=="));
        Assert.Empty(loaded.Warnings);
    }

    [Fact]
    public void Load_WildcardGroupFromOpenClaw_WarnsThatItAppliesToNoGroup()
    {
        var loaded = _files.Load("""{ channels: { dingtalk: { clientId: "dinga", clientSecret: "s", groups: { "*": { systemPrompt: "简短回答。" } } } } }""");

        var warning = Assert.Single(loaded.Warnings);
        Assert.Equal("channels.dingtalk.groups.*", warning.Path);
        Assert.Contains("no wildcard group", warning.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _files.Dispose();

    private static string? Find(List<AgentBinding> bindings, string account, ConversationKind kind, string cid, string staffId) =>
        AgentBindingMatcher.Find(bindings, account, kind, cid, staffId)?.Agent;
}
