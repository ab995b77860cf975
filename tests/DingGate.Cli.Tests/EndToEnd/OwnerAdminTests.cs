using System.Text.Json.Nodes;
using DingGate.Cli.Tests.Support;
using DingGate.Core.Configuration;
using DingGate.Core.Storage;
using DingGate.DingTalk.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DingGate.Cli.Tests.EndToEnd;

/// <summary>
/// Owner admin inside DingTalk, end to end (real gateway, SQLite, emulator, fake clock), asserted on the recorded wire
/// traffic: a stranger's pairing request reaches the two owners as ONE card (both 1:1 chats) carrying the
/// <c>/approve</c> line; an owner's click approves it once, the card (one instance) shows the decision for both
/// owners, the stranger is told and can talk; the owner commands by text; non-owners refused without the model.
/// </summary>
public sealed class OwnerAdminTests
{
    private const string Template = "0e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b.schema";
    private const string Stranger = "user003";
    private const string CardCreate = "/v1.0/card/instances/createAndDeliver";
    private const string CardUpdate = "/v1.0/card/instances";
    private const string BatchSend = "/v1.0/robot/oToMessages/batchSend";

    [Fact]
    public async Task StrangerDms_OwnersGetOneCard_OwnerClicksApprove_CardUpdatedForBoth_StrangerToldAndCanTalk()
    {
        await using var emu = await StartEmulatorAsync();
        using var state = new TempDirectory();
        var model = new ScriptedChatClient { Script = call => ScriptedChatClient.Steps(call.Token, "你好，很高兴认识你。") };
        await using var gateway = await GatewayUnderTest.StartAsync(emu, state.Path, model, Owners);

        await emu.SendDmAsync("你好", from: Stranger);
        var (outTrackId, code) = await WaitForPairingCardAsync(emu);

        var create = Assert.Single(await emu.CallsAsync(CardCreate)).Body;
        Assert.Equal(Template, (string?)create["cardTemplateId"]);
        Assert.Equal("STREAM", (string?)create["callbackType"]);
        Assert.Equal("dtv1.card//IM_ROBOT.user001;IM_ROBOT.user002", (string?)create["openSpaceId"]);
        var content = (string)create["cardData"]!["cardParamMap"]!["content"]!;
        Assert.Equal($"新的配对请求：王五（user003）（配对码 {code}）。回复 /approve {code} 批准，或 /deny {code} 拒绝。", content);
        var card = await emu.CardAsync(outTrackId);
        Assert.Equal(["user001", "user002"], card["spaces"]!.AsArray().Select(s => (string)s!["spaceId"]!).Order());
        Assert.Empty(await TextsToAsync(emu, "user001"));
        var pairingReply = Wire.WebhookText(Assert.Single(await Wire.MessagesAsync(emu)).Body);
        Assert.Contains(code, pairingReply, StringComparison.Ordinal);
        Assert.Empty(model.Calls);

        var click = await ClickAsync(emu, outTrackId, "user001", "approve");
        Assert.True((bool?)click["acked"]);
        var update = await WaitForCardUpdateAsync(emu, 1);
        Assert.Equal(outTrackId, (string?)update["outTrackId"]);
        Assert.Equal("✅ 已由 user001 批准", (string?)update["cardData"]!["cardParamMap"]!["status"]);
        Assert.Equal("true", (string?)update["cardData"]!["cardParamMap"]!["decided"]);
        await TestWait.UntilAsync(async () => (await TextsToAsync(emu, Stranger)).Count == 1, "the stranger told");
        Assert.Equal("你已通过批准！现在可以和我对话了。", Assert.Single(await TextsToAsync(emu, Stranger)));
        card = await emu.CardAsync(outTrackId);
        Assert.Equal("✅ 已由 user001 批准", (string?)card["publicData"]!["status"]);
        Assert.Equal(2, card["spaces"]!.AsArray().Count);

        await emu.SendDmAsync("现在可以聊天了吗？", from: Stranger);
        var call = await model.WaitForCallAsync(1);
        Assert.Contains("现在可以聊天了吗？", call.UserText, StringComparison.Ordinal);

        // The other owner clicks too, and the same click is pushed again: nothing is approved or told twice.
        await ClickAsync(emu, outTrackId, "user002", "deny");
        await ClickAsync(emu, outTrackId, "user001", "approve");
        await WaitForJournalQuietAsync(emu, gateway);
        Assert.Single(await CardUpdatesAsync(emu));
        Assert.Single(await TextsToAsync(emu, Stranger));
        Assert.Equal("✅ 已由 user001 批准", (string?)(await emu.CardAsync(outTrackId))["publicData"]!["status"]);
        Assert.Single(await emu.CallsAsync(CardCreate));
    }

    [Fact]
    public async Task CardUpdateRefused_DecisionStands_TheNextClickShowsItWithoutDecidingAgain()
    {
        await using var emu = await StartEmulatorAsync();
        using var state = new TempDirectory();
        var model = new ScriptedChatClient();
        await using var gateway = await GatewayUnderTest.StartAsync(emu, state.Path, model, Owners);
        await emu.SendDmAsync("你好", from: Stranger);
        var (outTrackId, _) = await WaitForPairingCardAsync(emu);
        await emu.SendAsync(HttpMethod.Post, "/_emulator/faults", new { path = CardUpdate, kind = "Status", status = 400, count = 1, method = "PUT" });

        await ClickAsync(emu, outTrackId, "user001", "approve");
        await TestWait.UntilAsync(async () => (await TextsToAsync(emu, Stranger)).Count == 1, "the stranger told");
        await WaitForJournalQuietAsync(emu, gateway);
        Assert.Equal("⏳ 等待管理员批准", (string?)(await emu.CardAsync(outTrackId))["publicData"]!["status"]);

        // The card still offers its buttons; the next click finishes what the first could not, and decides nothing.
        await ClickAsync(emu, outTrackId, "user002", "deny");
        await WaitForJournalQuietAsync(emu, gateway);

        Assert.Equal("✅ 已由 user001 批准", (string?)(await emu.CardAsync(outTrackId))["publicData"]!["status"]);
        Assert.Single(await CardUpdatesAsync(emu), c => c.Status == 200);
        Assert.Single(await TextsToAsync(emu, Stranger));
    }

    [Fact]
    public async Task GatewayDiesWhileUpdatingTheCard_TheClickIsResumedAtTheNextStart_NothingRepeated()
    {
        await using var emu = await StartEmulatorAsync();
        using var state = new TempDirectory();
        var model = new ScriptedChatClient();
        var first = await GatewayUnderTest.StartAsync(emu, state.Path, model, Owners);
        await emu.SendDmAsync("你好", from: Stranger);
        var (outTrackId, code) = await WaitForPairingCardAsync(emu);
        // The card update hangs (the emulator's clock stands still) until the gateway dies.
        await emu.SendAsync(HttpMethod.Post, "/_emulator/faults", new { path = CardUpdate, kind = "Latency", delayMs = 600_000, count = 1, method = "PUT" });

        await ClickAsync(emu, outTrackId, "user001", "approve");
        var approvals = first.Services.GetRequiredService<IOwnerApprovalStore>();
        await TestWait.UntilAsync(
            async () => (await approvals.FindAsync(DingTalkChannelSettings.DefaultAccountId, code, CancellationToken.None))?.RequesterToldAt is not null,
            "the requester told and marked");
        await first.KillAsync();
        await emu.WaitForConnectionGoneAsync(first.ConnectionId);
        await emu.SendAsync(HttpMethod.Delete, "/_emulator/faults");

        await using var second = await GatewayUnderTest.StartAsync(emu, state.Path, model, Owners);
        await TestWait.UntilAsync(
            async () => (string?)(await emu.CardAsync(outTrackId))["publicData"]!["status"] == "✅ 已由 user001 批准", "the card updated after the restart");
        await WaitForJournalQuietAsync(emu, second);

        Assert.Equal(["你已通过批准！现在可以和我对话了。"], await TextsToAsync(emu, Stranger));
        Assert.Single(await emu.CallsAsync(CardCreate));
        var history = (await emu.CardAsync(outTrackId))["history"]!.AsArray();
        Assert.Single(history, h => (string?)h!["source"] == "instances");
        var row = await second.Services.GetRequiredService<IOwnerApprovalStore>().FindAsync(DingTalkChannelSettings.DefaultAccountId, code, CancellationToken.None);
        Assert.NotNull(row!.CardUpdatedAt);
    }

    [Fact]
    public async Task PairingApproveThroughTheRunningGateway_TheOwnersCardShowsIt()
    {
        await using var emu = await StartEmulatorAsync();
        using var state = new TempDirectory();
        var model = new ScriptedChatClient();
        await using var gateway = await GatewayUnderTest.StartAsync(emu, state.Path, model, Owners);
        await emu.SendDmAsync("你好", from: Stranger);
        var (outTrackId, code) = await WaitForPairingCardAsync(emu);
        var channel = gateway.Services.GetRequiredService<DingGate.DingTalk.DingTalkChannel>();

        // What the admin endpoint (dinggate pairing approve) calls.
        var approved = await channel.ApprovePairingAsync(DingTalkChannelSettings.DefaultAccountId, code, CancellationToken.None);
        var again = await channel.ApprovePairingAsync(DingTalkChannelSettings.DefaultAccountId, code, CancellationToken.None);

        Assert.Equal(Stranger, approved);
        Assert.Null(again);
        Assert.Equal("✅ 已由 管理员（命令行） 批准", (string?)(await WaitForCardUpdateAsync(emu, 1))["cardData"]!["cardParamMap"]!["status"]);
        Assert.Equal(["你已通过批准！现在可以和我对话了。"], await TextsToAsync(emu, Stranger));
        await ClickAsync(emu, outTrackId, "user002", "deny");
        await WaitForJournalQuietAsync(emu, gateway);
        Assert.Single(await CardUpdatesAsync(emu));
    }

    [Fact]
    public async Task ApproveByText_ApprovesAndUpdatesTheCard_SecondApproveSaysAlreadyHandled()
    {
        await using var emu = await StartEmulatorAsync();
        using var state = new TempDirectory();
        var model = new ScriptedChatClient { Script = call => ScriptedChatClient.Steps(call.Token, "好的。") };
        await using var gateway = await GatewayUnderTest.StartAsync(emu, state.Path, model, Owners);
        await emu.SendDmAsync("你好", from: Stranger);
        var (_, code) = await WaitForPairingCardAsync(emu);

        await emu.SendDmAsync("/approve " + code.ToLowerInvariant(), from: "user002");
        var answer = await WaitForWebhookTextAsync(emu, 2);

        Assert.Equal($"已批准 王五（user003）（配对码 {code}），对方现在可以和我对话了。", answer);
        Assert.Equal("✅ 已由 李四 批准", (string?)(await WaitForCardUpdateAsync(emu, 1))["cardData"]!["cardParamMap"]!["status"]);
        await TestWait.UntilAsync(async () => (await TextsToAsync(emu, Stranger)).Count == 1, "the stranger told");

        await emu.SendDmAsync("/批准 " + code, from: "user001");
        Assert.Equal($"配对码 {code} 已经处理过了：✅ 已由 李四 批准", await WaitForWebhookTextAsync(emu, 3));
        Assert.Single(await CardUpdatesAsync(emu));
        Assert.Single(await TextsToAsync(emu, Stranger));
        Assert.Empty(model.Calls);
    }

    [Fact]
    public async Task NonOwnerApprove_Refused_ModelNotCalled_RequestStillPending()
    {
        await using var emu = await StartEmulatorAsync();
        using var state = new TempDirectory();
        var model = new ScriptedChatClient();
        await using var gateway = await GatewayUnderTest.StartAsync(emu, state.Path, model, s =>
        {
            Owners(s);
            s.AllowFrom = ["user001"];
            s.Owners = ["user002"];
        });
        await emu.SendDmAsync("你好", from: Stranger);
        var (_, code) = await WaitForPairingCardAsync(emu);

        // user001 may talk to the bot (allowFrom) but is not an owner.
        await emu.SendDmAsync("/approve " + code, from: "user001");

        Assert.Equal("这个命令只有机器人的管理员可以使用。", await WaitForWebhookTextAsync(emu, 2));
        Assert.Empty(model.Calls);
        Assert.Empty(await CardUpdatesAsync(emu));
        await emu.SendDmAsync("/pending", from: "user002");
        Assert.StartsWith("待批准的配对请求（1 个）：\n- " + code + "：王五（user003），0 分钟前", await WaitForWebhookTextAsync(emu, 3), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DenyByCardButton_StrangerToldNo_CardSaysDenied_StrangerGetsANewCodeLater()
    {
        await using var emu = await StartEmulatorAsync();
        using var state = new TempDirectory();
        var model = new ScriptedChatClient();
        await using var gateway = await GatewayUnderTest.StartAsync(emu, state.Path, model, Owners);
        await emu.SendDmAsync("你好", from: Stranger);
        var (outTrackId, code) = await WaitForPairingCardAsync(emu);

        await ClickAsync(emu, outTrackId, "user002", "deny");

        Assert.Equal("❌ 已由 user002 拒绝", (string?)(await WaitForCardUpdateAsync(emu, 1))["cardData"]!["cardParamMap"]!["status"]);
        await TestWait.UntilAsync(async () => (await TextsToAsync(emu, Stranger)).Count == 1, "the stranger told");
        Assert.Equal("抱歉，你的配对请求没有通过。如有需要，请直接联系机器人的管理员。", Assert.Single(await TextsToAsync(emu, Stranger)));
        await emu.SendDmAsync("再试一次", from: Stranger);
        var (_, second) = await WaitForPairingCardAsync(emu, 2);
        Assert.NotEqual(code, second);
        Assert.Empty(model.Calls);
    }

    [Fact]
    public async Task DenyByText_AndClickByNonOwnerIgnored()
    {
        await using var emu = await StartEmulatorAsync();
        using var state = new TempDirectory();
        var model = new ScriptedChatClient();
        await using var gateway = await GatewayUnderTest.StartAsync(emu, state.Path, model, Owners);
        await emu.SendDmAsync("你好", from: Stranger);
        var (outTrackId, code) = await WaitForPairingCardAsync(emu);

        // The stranger is no owner: their click (were the card ever shown to them) decides nothing.
        await ClickAsync(emu, outTrackId, Stranger, "approve");
        await WaitForJournalQuietAsync(emu, gateway);
        Assert.Empty(await CardUpdatesAsync(emu));

        await emu.SendDmAsync("/拒绝 " + code, from: "user001");
        Assert.Equal($"已拒绝 王五（user003）（配对码 {code}）。", await WaitForWebhookTextAsync(emu, 2));
        Assert.Equal("❌ 已由 张三 拒绝", (string?)(await WaitForCardUpdateAsync(emu, 1))["cardData"]!["cardParamMap"]!["status"]);
        await TestWait.UntilAsync(async () => (await TextsToAsync(emu, Stranger)).Count == 1, "the stranger told");
        await emu.SendDmAsync("/pending", from: "user001");
        Assert.Equal("没有待批准的配对请求。", await WaitForWebhookTextAsync(emu, 3));
    }

    [Fact]
    public async Task AllowAndRevoke_ChangeWhoMayTalk()
    {
        await using var emu = await StartEmulatorAsync();
        using var state = new TempDirectory();
        var model = new ScriptedChatClient { Script = call => ScriptedChatClient.Steps(call.Token, "在的。") };
        await using var gateway = await GatewayUnderTest.StartAsync(emu, state.Path, model, s =>
        {
            Owners(s);
            s.DmPolicy = DmPolicy.Allowlist;
        });

        await emu.SendDmAsync("/allow " + Stranger, from: "user001");
        Assert.Equal("已允许 user003 和我对话。", await WaitForWebhookTextAsync(emu, 1));
        await emu.SendDmAsync("在吗", from: Stranger);
        await model.WaitForCallAsync(1);
        Assert.Equal("在的。", await WaitForWebhookTextAsync(emu, 2));

        await emu.SendDmAsync("/revoke " + Stranger, from: "user001");
        Assert.Equal("已取消 user003 的使用权限。", await WaitForWebhookTextAsync(emu, 3));
        await emu.SendDmAsync("还在吗", from: Stranger);
        Assert.Contains("user003", await WaitForWebhookTextAsync(emu, 4), StringComparison.Ordinal);
        Assert.Single(model.Calls);
        await emu.SendDmAsync("/revoke " + Stranger, from: "user001");
        Assert.StartsWith("user003 不在已批准的名单里", await WaitForWebhookTextAsync(emu, 5), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gateway_ReportsLinkQuotaAndUndelivered_InEnglishWithLocaleEn_AndIsRefusedInAGroup()
    {
        await using var emu = await StartEmulatorAsync();
        using var state = new TempDirectory();
        var model = new ScriptedChatClient();
        await using var gateway = await GatewayUnderTest.StartAsync(emu, state.Path, model, s =>
        {
            Owners(s);
            s.Locale = "en";
        });

        await emu.SendDmAsync("/gateway", from: "user001");
        var report = await WaitForWebhookTextAsync(emu, 1);

        Assert.StartsWith("Gateway status\n- Account default: connected\n- Undelivered replies: 0\n- API calls this month (", report, StringComparison.Ordinal);
        Assert.Contains("/5000 (", report, StringComparison.Ordinal);
        await emu.InjectAsync(new { from = "user001", conversation = EmulatorUnderTest.GroupId, text = "/pending", atBot = true });
        Assert.Equal("@user001 Owner commands work only in a 1:1 chat with the bot.", await WaitForWebhookTextAsync(emu, 2));
        Assert.Empty(model.Calls);
    }

    [Fact]
    public async Task RequestIssuedBeforeOwnersKnewOfIt_SentAtTheNextStart_OnceOnly()
    {
        await using var emu = await StartEmulatorAsync();
        using var state = new TempDirectory();
        var model = new ScriptedChatClient();
        var first = await GatewayUnderTest.StartAsync(emu, state.Path, model, s =>
        {
            Owners(s);
            s.Owners = [];
        });
        await emu.SendDmAsync("你好", from: Stranger);
        await WaitForWebhookTextAsync(emu, 1);
        Assert.Empty(await emu.CallsAsync(CardCreate));
        await first.StopAsync();

        // As if the first run had crashed after issuing the code and before telling the owners: the start sends it.
        await using (var second = await GatewayUnderTest.StartAsync(emu, state.Path, model, Owners))
        {
            await WaitForPairingCardAsync(emu);
        }

        await using var third = await GatewayUnderTest.StartAsync(emu, state.Path, model, Owners);
        await emu.SendDmAsync("还没好吗", from: Stranger);
        await WaitForWebhookTextAsync(emu, 2);
        await WaitForJournalQuietAsync(emu, third);
        Assert.Single(await emu.CallsAsync(CardCreate));
    }

    [Fact]
    public async Task WithoutACardTemplate_EachOwnerGetsTheTextLine()
    {
        await using var emu = await StartEmulatorAsync();
        using var state = new TempDirectory();
        var model = new ScriptedChatClient();
        await using var gateway = await GatewayUnderTest.StartAsync(emu, state.Path, model, s =>
        {
            Owners(s);
            s.OwnerCardTemplateId = null;
        });

        await emu.SendDmAsync("你好", from: Stranger);
        await TestWait.UntilAsync(async () => (await TextsToAsync(emu, "user002")).Count == 1, "the owners' text lines");

        var line = Assert.Single(await TextsToAsync(emu, "user001"));
        Assert.Matches("^新的配对请求：王五（user003）（配对码 ([A-Z2-9]{8})）。回复 /approve \\1 批准，或 /deny \\1 拒绝。$", line);
        Assert.Equal(line, Assert.Single(await TextsToAsync(emu, "user002")));
        Assert.Empty(await emu.CallsAsync(CardCreate));
    }

    private static void Owners(DingTalkChannelSettings s)
    {
        s.MessageType = "markdown";
        s.DmPolicy = DmPolicy.Pairing;
        s.Owners = ["user001", "user002"];
        s.OwnerCardTemplateId = Template;
    }

    private static async Task<EmulatorUnderTest> StartEmulatorAsync()
    {
        var emu = await EmulatorUnderTest.StartAsync();

        // The owners' card as built in the card platform: its variables, and two "回传请求" buttons (approve, deny).
        await emu.SendAsync(HttpMethod.Post, "/_emulator/cards/templates", new
        {
            templateId = Template, variables = new[] { "title", "content", "status", "code", "decided" },
        });
        return emu;
    }

    private static async Task<(string OutTrackId, string Code)> WaitForPairingCardAsync(EmulatorUnderTest emu, int count = 1)
    {
        IReadOnlyList<RecordedCall> creates = [];
        await TestWait.UntilAsync(async () => (creates = await emu.CallsAsync(CardCreate)).Count >= count, $"pairing card #{count}");
        var body = creates[count - 1].Body;
        return ((string)body["outTrackId"]!, (string)body["cardData"]!["cardParamMap"]!["code"]!);
    }

    private static async Task<JsonNode> WaitForCardUpdateAsync(EmulatorUnderTest emu, int count)
    {
        IReadOnlyList<RecordedCall> updates = [];
        await TestWait.UntilAsync(async () => (updates = await CardUpdatesAsync(emu)).Count >= count, $"card update #{count}");
        return updates[count - 1].Body;
    }

    private static async Task<IReadOnlyList<RecordedCall>> CardUpdatesAsync(EmulatorUnderTest emu) =>
        [.. (await emu.CallsAsync(CardUpdate)).Where(c => c.Path == CardUpdate && c.Method == "PUT")];

    private static async Task<JsonObject> ClickAsync(EmulatorUnderTest emu, string outTrackId, string userId, string action) =>
        (await emu.SendAsync(HttpMethod.Post, $"/_emulator/cards/{outTrackId}/click", new { userId, actionIds = new[] { action } }))!.AsObject();

    // The texts the bot sent to one user's 1:1 chat through the robot OpenAPI.
    private static async Task<IReadOnlyList<string>> TextsToAsync(EmulatorUnderTest emu, string userId) =>
        [.. (await emu.CallsAsync(BatchSend))
            .Where(c => c.Body["userIds"]!.AsArray().Any(u => (string?)u == userId))
            .Select(c => (string)JsonNode.Parse((string)c.Body["msgParam"]!)!["content"]!)];

    // The text of the n-th session-webhook reply (the answers to inbound messages).
    private static async Task<string> WaitForWebhookTextAsync(EmulatorUnderTest emu, int count)
    {
        IReadOnlyList<RecordedCall> replies = [];
        await TestWait.UntilAsync(async () => (replies = await emu.CallsAsync("/robot/sendBySession")).Count >= count, $"webhook reply #{count}");
        return Wire.WebhookText(replies[count - 1].Body);
    }

    // Every push was ACKed (so journaled) and every journaled push is finished: the clicks were decided.
    private static async Task WaitForJournalQuietAsync(EmulatorUnderTest emu, GatewayUnderTest gateway)
    {
        await TestWait.UntilAsync(
            async () => (await emu.SendAsync(HttpMethod.Get, "/_emulator/pushes"))!.AsArray().All(p => (string?)p!["state"] != "pending"),
            "every push ACKed");
        var journal = gateway.Services.GetRequiredService<IInboundJournal>();
        await TestWait.UntilAsync(
            async () => (await journal.ListUnfinishedAsync(DingTalkChannelSettings.DefaultAccountId, CancellationToken.None)).Count == 0,
            "every journaled push finished");
    }
}
