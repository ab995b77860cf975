using System.Text.Json.Nodes;
using DingGate.Cli.Tests.Support;
using DingGate.Core.Configuration;
using DingGate.Core.Sessions;
using DingGate.DingTalk.Tests.Support;
using DingGate.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace DingGate.Cli.Tests.EndToEnd;

/// <summary>
/// Routing through the real gateway (issue 16, item 5): two groups and one user bound to three agents with three
/// models and system prompts, seen on the model's wire (the request's <c>model</c> and system message) and in the
/// replies DingTalk recorded; a group's <c>systemPrompt</c> reaches the model; <c>sessionScope</c> per-member keeps two
/// members' histories apart while a shared group shares them.
/// </summary>
public sealed class GroupRoutingTests
{
    private const string SalesGroup = EmulatorUnderTest.GroupId; // seeded: user001–user003 and the bot
    private const string HelpGroup = "cidHelpDesk0002==";
    private const string Account = DingTalkChannelSettings.DefaultAccountId;

    [Fact]
    public async Task TwoGroupsAndOneUser_RoutedToThreeAgents_ScopeAndGroupPromptApplied()
    {
        await using var emu = await EmulatorUnderTest.StartAsync();
        await emu.SendAsync(HttpMethod.Post, "/_emulator/groups",
            new { openConversationId = HelpGroup, title = "客服群", members = new[] { "user001", "user002", "user003" } });
        await using var server = await ScriptedOpenAiServer.StartAsync();
        server.Script = request => ScriptedModelReply.Text($"{(string?)request.Body["model"]} 答 #{request.Index}");
        using var state = new TempDirectory();
        await using var gateway = await GatewayUnderTest.StartAsync(emu, state.Path, server, c => Route(c, server.BaseUrl), s =>
        {
            s.MessageType = "markdown";
            s.Groups = new Dictionary<string, DingTalkGroupSettings>
            {
                [SalesGroup] = new() { SessionScope = "per-member", SystemPrompt = "本群只讨论销售。" },
                [HelpGroup] = new() { SessionScope = "shared" },
            };
        });

        // The sales group, per member: user001, user002, then user001 again (sees only their own first message).
        var a1 = await SendAndWaitAsync(emu, gateway, server, 1, SalesGroup, "user001", "销售问题 A1", member: true);
        await SendAndWaitAsync(emu, gateway, server, 2, SalesGroup, "user002", "销售问题 B1", member: true);
        await SendAndWaitAsync(emu, gateway, server, 3, SalesGroup, "user001", "销售问题 A2", member: true, expectedHistory: 4);
        // The help desk group, shared: user001, then user002 (sees user001's exchange).
        await SendAndWaitAsync(emu, gateway, server, 4, HelpGroup, "user001", "客服问题 C1", member: false);
        await SendAndWaitAsync(emu, gateway, server, 5, HelpGroup, "user002", "客服问题 D1", member: false, expectedHistory: 4);
        // user003's DM (bound by user:), and user001's DM (no binding: the agent default).
        var boss = await emu.SendDmAsync("老板问题 E1", from: "user003");
        await gateway.WaitForDmHistoryAsync(boss, 2);
        var plain = await emu.SendDmAsync("普通问题 F1", from: "user001");
        await gateway.WaitForDmHistoryAsync(plain, 2);

        var requests = server.Requests;
        Assert.Equal(7, requests.Count);
        Assert.Equal(
            ["qwen-sales", "qwen-sales", "qwen-sales", "qwen-help", "qwen-help", "qwen-boss", "scripted-model"],
            requests.Select(r => (string?)r.Body["model"]));
        Assert.Equal("你是销售助手。\n\n本群只讨论销售。", System(requests[0]));
        Assert.Equal("你是客服助手。", System(requests[3]));
        Assert.Equal("你是老板的私人助手。", System(requests[5]));
        Assert.StartsWith("你是在钉钉中回答问题的 AI 助手。", System(requests[6]), StringComparison.Ordinal);

        // per-member: user001's second turn carries A1 and its answer, never B1; user002's first carries nothing.
        Assert.Equal(["销售问题 A1", "销售问题 A2"], UserTexts(requests[2], "销售问题"));
        Assert.Equal(["销售问题 B1"], UserTexts(requests[1], "销售问题"));
        Assert.Contains(requests[2].Messages, m => (string?)m?["role"] == "assistant" && Text(m) == "qwen-sales 答 #1");
        // shared: user002's turn carries user001's exchange.
        Assert.Equal(["客服问题 C1", "客服问题 D1"], UserTexts(requests[4], "客服问题"));
        Assert.Contains(requests[4].Messages, m => (string?)m?["role"] == "assistant" && Text(m) == "qwen-help 答 #4");

        var replies = (await Wire.MessagesAsync(emu)).Select(c => Wire.WebhookText(c.Body)).ToList();
        Assert.Equal(7, replies.Count);
        Assert.EndsWith("qwen-sales 答 #1", replies[0], StringComparison.Ordinal);
        Assert.EndsWith("qwen-sales 答 #3", replies[2], StringComparison.Ordinal);
        Assert.EndsWith("qwen-help 答 #5", replies[4], StringComparison.Ordinal);
        Assert.Equal("qwen-boss 答 #6", replies[5]);
        Assert.Equal("scripted-model 答 #7", replies[6]);

        // The stored sessions: two per-member sessions in the sales group, one shared session in the help desk group.
        var store = gateway.Services.GetRequiredService<ISessionStore>();
        var user001 = (string)a1["payload"]!["senderId"]!;
        Assert.Equal(4, (await store.GetStatsAsync(new SessionKey(Account, $"group:{SalesGroup}:{user001}"), CancellationToken.None)).Messages);
        Assert.Equal(0, (await store.GetStatsAsync(new SessionKey(Account, $"group:{SalesGroup}"), CancellationToken.None)).Messages);
        Assert.Equal(4, (await store.GetStatsAsync(new SessionKey(Account, $"group:{HelpGroup}"), CancellationToken.None)).Messages);
    }

    // Three agents with three models; the sales group in DingGate's shape, the help desk group and the user in OpenClaw's.
    private static void Route(DinggateConfig config, Uri baseUrl)
    {
        foreach (var (name, id) in new[] { ("sales", "qwen-sales"), ("help", "qwen-help"), ("boss", "qwen-boss") })
        {
            config.Models[name] = new ModelSettings { Provider = "openai", Model = id, ApiKey = "test-key", BaseUrl = baseUrl };
        }

        config.Agents["sales"] = new AgentSettings { Model = "sales", SystemPrompt = "你是销售助手。" };
        config.Agents["help"] = new AgentSettings { Model = "help", SystemPrompt = "你是客服助手。" };
        config.Agents["boss"] = new AgentSettings { Model = "boss", SystemPrompt = "你是老板的私人助手。" };
        config.Bindings.Add(new AgentBinding { Peer = "group:" + SalesGroup, Agent = "sales" });
        config.Bindings.Add(new AgentBinding { Account = "*", Peer = "group:" + HelpGroup, Agent = "help", Shape = AgentBindingShape.OpenClaw });
        config.Bindings.Add(new AgentBinding { Account = Account, Peer = "user:user003", Agent = "boss", Shape = AgentBindingShape.OpenClaw });
    }

    // One group message; waits for the model request and for the exchange to be stored before the next one.
    private static async Task<JsonObject> SendAndWaitAsync(
        EmulatorUnderTest emu, GatewayUnderTest gateway, ScriptedOpenAiServer server, int index, string cid, string from, string text, bool member,
        int expectedHistory = 2)
    {
        var injected = await emu.InjectAsync(new { from, conversation = cid, text, atBot = true });
        await server.WaitForRequestAsync(index);
        var senderId = (string)injected["payload"]!["senderId"]!;
        var key = new SessionKey(Account, member ? $"group:{cid}:{senderId}" : $"group:{cid}");
        var store = gateway.Services.GetRequiredService<ISessionStore>();
        await TestWait.UntilAsync(
            async () => (await store.GetStatsAsync(key, CancellationToken.None)).Messages == expectedHistory, $"{expectedHistory} history messages in {key}");
        return injected;
    }

    private static string System(ScriptedModelRequest request)
    {
        var first = Assert.IsType<JsonObject>(request.Messages[0]);
        Assert.Equal("system", (string?)first["role"]);
        return Text(first);
    }

    // The user messages' texts that mention marker, stripped to the question (the group note comes first).
    private static List<string> UserTexts(ScriptedModelRequest request, string marker) =>
        [.. request.Messages.OfType<JsonObject>().Where(m => (string?)m["role"] == "user")
            .Select(Text).Select(t => t[t.IndexOf(marker, StringComparison.Ordinal)..])];

    private static string Text(JsonNode? message) => message?["content"] switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonArray parts => string.Concat(parts.OfType<JsonObject>().Select(p => (string?)p["text"] ?? string.Empty)),
        _ => string.Empty,
    };
}
