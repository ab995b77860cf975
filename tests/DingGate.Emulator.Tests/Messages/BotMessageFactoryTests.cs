using System.Text.Json;
using DingGate.Emulator.Conversations;
using DingGate.Emulator.Fixtures;
using DingGate.Emulator.Messages;
using DingGate.Emulator.Replies;
using DingGate.Emulator.Tests.Support;

namespace DingGate.Emulator.Tests.Messages;

public sealed class BotMessageFactoryTests
{
    private const string Group = "cidDemoGroup0001==";

    [Fact]
    public async Task Create_DirectText_ProducesEveryCommonFieldWithWireTypes()
    {
        await using var emu = await TestEmulator.StartAsync();
        var app = emu.Get<AppRegistry>().FindByClientId(TestEmulator.ClientId)!;
        var user = emu.Get<OrgDirectory>().FindUser("user001")!;

        var message = Create(emu, new InjectRequest { From = "user001", Text = "帮我查一下订单" });
        var p = message.Payload;

        Assert.Equal(emu.Get<OrgDirectory>().SingleChatId(app.RobotCode, "user001"), p["conversationId"]!.GetValue<string>());
        Assert.Equal(JsonValueKind.String, p["conversationType"]!.GetValueKind());
        Assert.Equal("1", p["conversationType"]!.GetValue<string>());
        Assert.Equal(JsonValueKind.Number, p["createAt"]!.GetValueKind());
        var createAt = p["createAt"]!.GetValue<long>();
        Assert.Equal(emu.Time.GetUtcNow().ToUnixTimeMilliseconds(), createAt);
        Assert.Equal(createAt + 5_400_000, p["sessionWebhookExpiredTime"]!.GetValue<long>());
        Assert.Matches("^msg[A-Za-z0-9+/]{22}==$", p["msgId"]!.GetValue<string>());
        Assert.Equal(user.SenderId, p["senderId"]!.GetValue<string>());
        Assert.Equal("user001", p["senderStaffId"]!.GetValue<string>());
        Assert.Equal("张三", p["senderNick"]!.GetValue<string>());
        Assert.Equal(user.CorpId, p["senderCorpId"]!.GetValue<string>());
        Assert.Equal(user.UnionId, p["senderUnionId"]!.GetValue<string>());
        Assert.Equal("Mac", p["senderPlatform"]!.GetValue<string>());
        Assert.True(p["isAdmin"]!.GetValue<bool>());
        Assert.Equal(app.CorpId, p["chatbotCorpId"]!.GetValue<string>());
        Assert.Equal(app.ChatbotUserId, p["chatbotUserId"]!.GetValue<string>());
        Assert.Equal(TestEmulator.ClientId, p["robotCode"]!.GetValue<string>());
        Assert.Equal("text", p["msgtype"]!.GetValue<string>());
        Assert.Equal("{\"content\":\"帮我查一下订单\"}", p["text"]!.ToJsonString(Http.EmulatorJson.Options));
        Assert.Matches("^http://127\\.0\\.0\\.1:\\d+/robot/sendBySession\\?session=[0-9a-f]{32}$", p["sessionWebhook"]!.GetValue<string>());
        Assert.Null(p["atUsers"]);
        Assert.Null(p["isInAtList"]);
        Assert.Null(p["conversationTitle"]);
        Assert.True(message.Deliver);
    }

    [Fact]
    public async Task Create_DirectText_RegistersSessionAndRecordsUserMessage()
    {
        await using var emu = await TestEmulator.StartAsync();

        var message = Create(emu, new InjectRequest { From = "user002", Text = "hi" });

        var session = message.SessionWebhook[(message.SessionWebhook.IndexOf("session=", StringComparison.Ordinal) + 8)..];
        var live = emu.Get<SessionWebhookRegistry>().FindLive(session);
        Assert.NotNull(live);
        Assert.Equal(message.ConversationId, live.ConversationId);
        var entry = Assert.Single(emu.Get<ConversationLog>().For(message.ConversationId));
        Assert.False(entry.FromBot);
        Assert.Equal("user", entry.Via);
        Assert.Equal("text", entry.Kind);
        Assert.Equal("user002", entry.UserId);
        Assert.Equal(message.MsgId, entry.MessageKey);
    }

    [Fact]
    public async Task Create_GroupAtBot_StripsMentionAddsLeadingSpaceAndAtUsers()
    {
        await using var emu = await TestEmulator.StartAsync();
        var app = emu.Get<AppRegistry>().FindByClientId(TestEmulator.ClientId)!;
        var user2 = emu.Get<OrgDirectory>().FindUser("user002")!;

        var message = Create(emu, new InjectRequest { From = "user001", Conversation = Group, Text = "@Test Bot 你好 @李四", AtUsers = ["user002"] });
        var p = message.Payload;

        Assert.Equal(Group, p["conversationId"]!.GetValue<string>());
        Assert.Equal("2", p["conversationType"]!.GetValue<string>());
        Assert.Equal("测试群", p["conversationTitle"]!.GetValue<string>());
        Assert.True(p["isInAtList"]!.GetValue<bool>());
        Assert.Equal(" 你好 @李四", p["text"]!["content"]!.GetValue<string>());
        Assert.Equal(
            $"[{{\"dingtalkId\":\"{app.ChatbotUserId}\"}},{{\"dingtalkId\":\"{user2.SenderId}\",\"staffId\":\"user002\"}}]",
            p["atUsers"]!.ToJsonString(Http.EmulatorJson.Options));
        Assert.True(message.Deliver);
    }

    [Fact]
    public async Task Create_GroupWithoutAt_IsRecordedButNotDelivered()
    {
        await using var emu = await TestEmulator.StartAsync();

        var message = Create(emu, new InjectRequest { From = "user001", Conversation = Group, Text = "大家好", AtBot = false });

        Assert.False(message.Deliver);
        Assert.Contains("@", message.Reason, StringComparison.Ordinal);
        Assert.False(message.Payload["isInAtList"]!.GetValue<bool>());
        Assert.Single(emu.Get<ConversationLog>().For(Group));
    }

    [Theory]
    [InlineData("audio")]
    [InlineData("video")]
    [InlineData("file")]
    public async Task Create_GroupMediaTypesBotCannotReceive_AreRejected(string msgType)
    {
        await using var emu = await TestEmulator.StartAsync();

        var (message, error) = emu.Get<BotMessageFactory>().Create(new InjectRequest { From = "user001", Conversation = Group, MsgType = msgType });

        Assert.Null(message);
        Assert.Contains("groups", error, StringComparison.Ordinal);
        Assert.Empty(emu.Get<ConversationLog>().All);
    }

    [Fact]
    public async Task Create_UnknownUser_IsRejected()
    {
        await using var emu = await TestEmulator.StartAsync();

        var (message, error) = emu.Get<BotMessageFactory>().Create(new InjectRequest { From = "nobody" });

        Assert.Null(message);
        Assert.Contains("nobody", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_GroupWithoutBotInstalled_IsRejected()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.Get<OrgDirectory>().AddGroup("cidNoBot==", "无机器人群", ["user001"]);

        var (message, error) = emu.Get<BotMessageFactory>().Create(new InjectRequest { From = "user001", Conversation = "cidNoBot==" });

        Assert.Null(message);
        Assert.Contains("not installed", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_ExternalUser_HasNoSenderStaffId()
    {
        await using var emu = await TestEmulator.StartAsync();

        var p = Create(emu, new InjectRequest { From = "ext001" }).Payload;

        Assert.False(p.ContainsKey("senderStaffId"));
        Assert.Equal("External Partner", p["senderNick"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_QuotaExhausted_HasErrorCodeAndNoBody()
    {
        await using var emu = await TestEmulator.StartAsync();

        var p = Create(emu, new InjectRequest { From = "user001", Text = "hi", QuotaExhausted = true }).Payload;

        Assert.Equal(20001, p["errorCode"]!.GetValue<int>());
        Assert.StartsWith("受调用量超量影响", p["errorMessage"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(p.ContainsKey("text"));
        Assert.False(p.ContainsKey("content"));
        Assert.Equal("text", p["msgtype"]!.GetValue<string>());
    }

    internal static InjectedMessage Create(TestEmulator emu, InjectRequest request)
    {
        var (message, error) = emu.Get<BotMessageFactory>().Create(request);
        Assert.True(message is not null, error);
        return message;
    }
}
