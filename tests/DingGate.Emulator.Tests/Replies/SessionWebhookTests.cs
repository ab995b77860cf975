using DingGate.Emulator.Conversations;
using DingGate.Emulator.Messages;
using DingGate.Emulator.Tests.Messages;
using DingGate.Emulator.Tests.Support;

namespace DingGate.Emulator.Tests.Replies;

public sealed class SessionWebhookTests
{
    [Fact]
    public async Task SendBySession_Markdown_Returns0AndRecordsBotMessage()
    {
        await using var emu = await TestEmulator.StartAsync();
        var message = BotMessageFactoryTests.Create(emu, new InjectRequest { From = "user001", Text = "日报" });

        var (status, body) = await emu.SendAsync(HttpMethod.Post, message.SessionWebhook, new
        {
            msgtype = "markdown", markdown = new { title = "日报", text = "#### 今日进度" }, at = new { atUserIds = new[] { "user001" }, isAtAll = false },
        });

        Assert.Equal(200, status);
        Assert.Equal("{\"errcode\":0,\"errmsg\":\"ok\"}", body!.ToJsonString());
        var entry = Assert.Single(emu.Get<ConversationLog>().SentByBot(message.ConversationId));
        Assert.Equal("sessionWebhook", entry.Via);
        Assert.Equal("markdown", entry.Kind);
        Assert.Equal("user001", entry.UserId);
        Assert.Equal("1", entry.ConversationType);
        Assert.Equal(TestEmulator.ClientId, entry.RobotCode);
        Assert.Equal("{\"title\":\"日报\",\"text\":\"#### 今日进度\",\"at\":{\"atUserIds\":[\"user001\"],\"isAtAll\":false}}", entry.Content.ToJsonString(Http.EmulatorJson.Options));
    }

    [Theory]
    [InlineData("{\"msgtype\":\"text\",\"text\":{\"content\":\"收到\"}}")]
    [InlineData("{\"msgtype\":\"actionCard\",\"actionCard\":{\"title\":\"审批\",\"text\":\"有 1 条\",\"singleTitle\":\"去处理\",\"singleURL\":\"https://example.com\"}}")]
    [InlineData("{\"msgtype\":\"actionCard\",\"actionCard\":{\"title\":\"投票\",\"text\":\"选\",\"btns\":[{\"title\":\"A\",\"actionURL\":\"https://example.com/a\"}]}}")]
    [InlineData("{\"msgtype\":\"link\",\"link\":{\"title\":\"发布\",\"text\":\"v2\",\"messageUrl\":\"https://example.com\"}}")]
    [InlineData("{\"msgtype\":\"feedCard\",\"feedCard\":{\"links\":[{\"title\":\"新闻\",\"messageURL\":\"https://example.com/1\",\"picURL\":\"https://example.com/1.png\"}]}}")]
    public async Task SendBySession_SupportedTypes_Return0(string json)
    {
        await using var emu = await TestEmulator.StartAsync();
        var message = BotMessageFactoryTests.Create(emu, new InjectRequest { From = "user001" });

        var (_, body) = await emu.SendAsync(HttpMethod.Post, message.SessionWebhook, json);

        Assert.Equal(0, body!["errcode"]!.GetValue<int>());
    }

    [Fact]
    public async Task SendBySession_AfterExpiry_Returns300001()
    {
        await using var emu = await TestEmulator.StartAsync();
        var message = BotMessageFactoryTests.Create(emu, new InjectRequest { From = "user001" });

        emu.Time.Advance(TimeSpan.FromMinutes(90));
        var (status, body) = await emu.SendAsync(HttpMethod.Post, message.SessionWebhook, "{\"msgtype\":\"text\",\"text\":{\"content\":\"迟到\"}}");

        Assert.Equal(200, status);
        Assert.Equal("{\"errcode\":300001,\"errmsg\":\"session 不存在\"}", body!.ToJsonString(Http.EmulatorJson.Options));
        Assert.Empty(emu.Get<ConversationLog>().SentByBot());
    }

    [Fact]
    public async Task SendBySession_UnknownSession_Returns300001()
    {
        await using var emu = await TestEmulator.StartAsync();

        var (_, body) = await emu.SendAsync(HttpMethod.Post, "/robot/sendBySession?session=00000000000000000000000000000000", "{\"msgtype\":\"text\",\"text\":{\"content\":\"x\"}}");

        Assert.Equal(300001, body!["errcode"]!.GetValue<int>());
    }

    [Fact]
    public async Task SendBySession_Image_Returns400105()
    {
        await using var emu = await TestEmulator.StartAsync();
        var message = BotMessageFactoryTests.Create(emu, new InjectRequest { From = "user001" });

        var (_, body) = await emu.SendAsync(HttpMethod.Post, message.SessionWebhook, "{\"msgtype\":\"image\",\"image\":{\"mediaId\":\"@x\"}}");

        Assert.Equal(400105, body!["errcode"]!.GetValue<int>());
        Assert.Empty(emu.Get<ConversationLog>().SentByBot());
    }

    [Theory]
    [InlineData("{\"msgtype\":\"markdown\",\"markdown\":{\"text\":\"x\"}}", "markdown.title")]
    [InlineData("{\"msgtype\":\"text\",\"text\":{}}", "text.content")]
    [InlineData("{\"msgtype\":\"actionCard\",\"actionCard\":{\"title\":\"t\",\"text\":\"x\"}}", "actionCard.singleTitle")]
    [InlineData("{\"text\":{\"content\":\"x\"}}", "msgtype")]
    public async Task SendBySession_MissingField_Returns40035NamingIt(string json, string field)
    {
        await using var emu = await TestEmulator.StartAsync();
        var message = BotMessageFactoryTests.Create(emu, new InjectRequest { From = "user001" });

        var (_, body) = await emu.SendAsync(HttpMethod.Post, message.SessionWebhook, json);

        Assert.Equal(40035, body!["errcode"]!.GetValue<int>());
        Assert.Contains(field, body["errmsg"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendBySession_WithTokenHeader_IsTolerated()
    {
        await using var emu = await TestEmulator.StartAsync();
        var message = BotMessageFactoryTests.Create(emu, new InjectRequest { From = "user001" });

        var (_, body) = await emu.SendAsync(HttpMethod.Post, message.SessionWebhook, "{\"msgtype\":\"text\",\"text\":{\"content\":\"x\"}}", token: "whatever");

        Assert.Equal(0, body!["errcode"]!.GetValue<int>());
    }

    [Fact]
    public async Task SendBySession_ThrottleOn_21stMessageInAMinuteReturns410100()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.SessionWebhookThrottle = true);
        var message = BotMessageFactoryTests.Create(emu, new InjectRequest { From = "user001" });
        const string Text = "{\"msgtype\":\"text\",\"text\":{\"content\":\"x\"}}";

        for (var i = 0; i < 20; i++)
        {
            var (_, ok) = await emu.SendAsync(HttpMethod.Post, message.SessionWebhook, Text);
            Assert.Equal(0, ok!["errcode"]!.GetValue<int>());
        }

        var (_, body) = await emu.SendAsync(HttpMethod.Post, message.SessionWebhook, Text);

        Assert.Equal(410100, body!["errcode"]!.GetValue<int>());
        Assert.Equal(20, emu.Get<ConversationLog>().SentByBot().Count);
    }
}
