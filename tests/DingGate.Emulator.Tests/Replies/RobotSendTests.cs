using System.Text.Json.Nodes;
using DingGate.Emulator.Conversations;
using DingGate.Emulator.Fixtures;
using DingGate.Emulator.Tests.Support;

namespace DingGate.Emulator.Tests.Replies;

public sealed class RobotSendTests
{
    private const string BatchSend = "/v1.0/robot/oToMessages/batchSend";
    private const string GroupSend = "/v1.0/robot/groupMessages/send";
    private const string Group = "cidDemoGroup0001==";

    [Fact]
    public async Task BatchSend_KnownAndUnknownUsers_DeliversAndListsInvalid()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();

        var (status, body) = await emu.SendAsync(HttpMethod.Post, BatchSend, new
        {
            robotCode = TestEmulator.ClientId, userIds = new[] { "user001", "nosuchuser", "ext001", "user002" }, msgKey = "sampleMarkdown",
            msgParam = "{\"title\":\"提醒\",\"text\":\"#### 下午 3 点开会\"}",
        }, token);

        Assert.Equal(200, status);
        var key = body!["processQueryKey"]!.GetValue<string>();
        Assert.False(string.IsNullOrEmpty(key));
        Assert.Equal("[\"nosuchuser\",\"ext001\"]", body["invalidStaffIdList"]!.ToJsonString());
        Assert.Equal("[]", body["flowControlledStaffIdList"]!.ToJsonString());
        var entries = emu.Get<ConversationLog>().SentByBot();
        Assert.Equal(["user001", "user002"], entries.Select(e => e.UserId));
        Assert.All(entries, e =>
        {
            Assert.Equal(key, e.MessageKey);
            Assert.Equal("sampleMarkdown", e.Kind);
            Assert.Equal("oToMessages/batchSend", e.Via);
            Assert.Equal("1", e.ConversationType);
            Assert.Equal("{\"title\":\"提醒\",\"text\":\"#### 下午 3 点开会\"}", e.Content.ToJsonString(Http.EmulatorJson.Options));
        });
        Assert.Equal(emu.Get<OrgDirectory>().SingleChatId(TestEmulator.ClientId, "user001"), entries[0].ConversationId);
    }

    [Fact]
    public async Task BatchSend_TooManyUsers_ReturnsOverMax()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();
        var users = Enumerable.Range(0, 21).Select(i => "user" + i).ToArray();

        var (status, body) = await emu.SendAsync(HttpMethod.Post, BatchSend, new { robotCode = TestEmulator.ClientId, userIds = users, msgKey = "sampleText", msgParam = "{\"content\":\"x\"}" }, token);

        AssertError(status, body, "invalidParameter.userIds.overMax");
    }

    [Fact]
    public async Task BatchSend_NoUsers_ReturnsUserIdsEmpty()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();

        var (status, body) = await emu.SendAsync(HttpMethod.Post, BatchSend, new { robotCode = TestEmulator.ClientId, userIds = Array.Empty<string>(), msgKey = "sampleText", msgParam = "{\"content\":\"x\"}" }, token);

        AssertError(status, body, "invalidParameter.userIds.empty");
    }

    [Fact]
    public async Task BatchSend_MsgParamAsObject_ReturnsMsgParamInvalid()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();

        var (status, body) = await emu.SendAsync(HttpMethod.Post, BatchSend, new { robotCode = TestEmulator.ClientId, userIds = new[] { "user001" }, msgKey = "sampleText", msgParam = new { content = "x" } }, token);

        AssertError(status, body, "invalidParameter.msgParam.invalid");
        Assert.Empty(emu.Get<ConversationLog>().All);
    }

    [Theory]
    [InlineData("sampleText", "not json", "invalidParameter.msgParam.invalid")]
    [InlineData("sampleFoo", "{}", "invalidParameter.msgKey.invalid")]
    [InlineData("", "{}", "invalidParameter.msgKey.empty")]
    [InlineData("sampleText", "{\"text\":\"x\"}", "miss.param.contentOfText")]
    [InlineData("sampleMarkdown", "{\"title\":\"x\"}", "miss.param.markdownTotext")]
    [InlineData("sampleImageMsg", "{}", "miss.param.photoTophotoUrl")]
    [InlineData("sampleFile", "{\"fileName\":\"a.pdf\",\"fileType\":\"pdf\"}", "miss.param.file")]
    [InlineData("sampleAudio", "{\"duration\":\"2000\"}", "miss.param.audio")]
    [InlineData("sampleVideo", "{\"duration\":\"5\",\"videoType\":\"mp4\"}", "miss.param.video")]
    [InlineData("sampleImageMsg", "{\"photoURL\":\"@lADPnotUploaded\"}", "invalidParameter.param.invalid")]
    [InlineData("sampleFile", "{\"mediaId\":\"@nope\",\"fileName\":\"a.pdf\",\"fileType\":\"pdf\"}", "invalidParameter.param.invalid")]
    public async Task BatchSend_BadMessage_ReturnsCode(string msgKey, string msgParam, string code)
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();

        var (status, body) = await emu.SendAsync(HttpMethod.Post, BatchSend, new { robotCode = TestEmulator.ClientId, userIds = new[] { "user001" }, msgKey, msgParam }, token);

        AssertError(status, body, code);
    }

    [Fact]
    public async Task BatchSend_ImageWithUrl_IsAccepted()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();

        var (status, _) = await emu.SendAsync(HttpMethod.Post, BatchSend, new { robotCode = TestEmulator.ClientId, userIds = new[] { "user001" }, msgKey = "sampleImageMsg", msgParam = "{\"photoURL\":\"https://example.com/a.png\"}" }, token);

        Assert.Equal(200, status);
    }

    [Theory]
    [InlineData("", "invalidParameter.robotCode.empty")]
    [InlineData("someOtherRobot", "invalidParameter.robotCode.auth")]
    public async Task BatchSend_BadRobotCode_ReturnsCode(string robotCode, string code)
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();

        var (status, body) = await emu.SendAsync(HttpMethod.Post, BatchSend, new { robotCode, userIds = new[] { "user001" }, msgKey = "sampleText", msgParam = "{\"content\":\"x\"}" }, token);

        AssertError(status, body, code);
    }

    [Fact]
    public async Task BatchSend_InvalidToken_ReturnsInvalidAuthenticationEnvelope()
    {
        await using var emu = await TestEmulator.StartAsync();

        var (status, body) = await emu.SendAsync(HttpMethod.Post, BatchSend, new { robotCode = TestEmulator.ClientId, userIds = new[] { "user001" }, msgKey = "sampleText", msgParam = "{\"content\":\"x\"}" }, "badtoken");

        AssertError(status, body, "InvalidAuthentication");
        Assert.Equal("不合法的access_token", body!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task GroupSend_WithoutPermission_Returns403()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.Apps[0].Permissions.Remove(AppPermissions.RobotSendMessage));
        var token = await emu.GetTokenAsync();

        var (status, body) = await emu.SendAsync(HttpMethod.Post, GroupSend, new { robotCode = TestEmulator.ClientId, openConversationId = Group, msgKey = "sampleText", msgParam = "{\"content\":\"x\"}" }, token);

        Assert.Equal(403, status);
        Assert.Equal("Forbidden.AccessDenied.AccessTokenPermissionDenied", body!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task GroupSend_Valid_ReturnsKeyAndRecordsGroupEntry()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();

        var (status, body) = await emu.SendAsync(HttpMethod.Post, GroupSend, new { robotCode = TestEmulator.ClientId, openConversationId = Group, msgKey = "sampleText", msgParam = "{\"content\":\"构建成功\"}" }, token);

        Assert.Equal(200, status);
        Assert.Equal(["processQueryKey"], body!.AsObject().Select(kv => kv.Key));
        var entry = Assert.Single(emu.Get<ConversationLog>().SentByBot(Group));
        Assert.Equal(body["processQueryKey"]!.GetValue<string>(), entry.MessageKey);
        Assert.Equal("groupMessages/send", entry.Via);
        Assert.Equal("2", entry.ConversationType);
        Assert.Equal("{\"content\":\"构建成功\"}", entry.Content.ToJsonString(Http.EmulatorJson.Options));
    }

    [Fact]
    public async Task GroupSend_MsgParamOver15000Bytes_ReturnsTooLong()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();
        var msgParam = new JsonObject { ["content"] = new string('长', 5000) }.ToJsonString(Http.EmulatorJson.Options); // 3 bytes each in UTF-8

        var (status, body) = await emu.SendAsync(HttpMethod.Post, GroupSend, new { robotCode = TestEmulator.ClientId, openConversationId = Group, msgKey = "sampleText", msgParam }, token);

        AssertError(status, body, "invalidParameter.msgParam.tooLong");
    }

    [Fact]
    public async Task GroupSend_UnknownGroup_ReturnsInvalidOpenConversationId()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();

        var (status, body) = await emu.SendAsync(HttpMethod.Post, GroupSend, new { robotCode = TestEmulator.ClientId, openConversationId = "cidNope==", msgKey = "sampleText", msgParam = "{\"content\":\"x\"}" }, token);

        AssertError(status, body, "invalid.openConversationId");
    }

    [Fact]
    public async Task GroupSend_MissingGroup_ReturnsMissOpenConversationId()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();

        var (status, body) = await emu.SendAsync(HttpMethod.Post, GroupSend, new { robotCode = TestEmulator.ClientId, msgKey = "sampleText", msgParam = "{\"content\":\"x\"}" }, token);

        AssertError(status, body, "miss.openConversationId");
    }

    [Fact]
    public async Task GroupSend_BotNotInGroup_ReturnsResourceNotFound()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.Get<OrgDirectory>().AddGroup("cidNoBot==", "无机器人群", ["user001"]);
        var token = await emu.GetTokenAsync();

        var (status, body) = await emu.SendAsync(HttpMethod.Post, GroupSend, new { robotCode = TestEmulator.ClientId, openConversationId = "cidNoBot==", msgKey = "sampleText", msgParam = "{\"content\":\"x\"}" }, token);

        AssertError(status, body, "resource.not.found");
    }

    internal static void AssertError(int status, JsonNode? body, string code)
    {
        Assert.Equal(400, status);
        Assert.Equal(code, body!["code"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(body["requestid"]!.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(body["message"]!.GetValue<string>()));
    }
}
