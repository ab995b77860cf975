using System.Text.Json.Nodes;
using DingGate.Emulator.Stream;
using DingGate.Emulator.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DingGate.Emulator.Tests.Messages;

public sealed class MessageInjectRouteTests
{
    [Fact]
    public async Task PostMessages_DirectText_PushesExactPayloadAsBotMessageCallback()
    {
        var pusher = new FakeStreamPusher();
        await using var emu = await StartWithPusherAsync(pusher);

        var (status, body) = await emu.SendAsync(HttpMethod.Post, "/_emulator/messages", new { clientId = TestEmulator.ClientId, from = "user001", conversation = "dm", msgtype = "text", text = "你好" });

        Assert.Equal(200, status);
        var (clientId, request) = Assert.Single(pusher.Pushed);
        Assert.Equal(TestEmulator.ClientId, clientId);
        Assert.Equal(StreamPushKind.BotMessage, request.Kind);
        Assert.Equal("/v1.0/im/bot/messages/get", request.Topic);
        var pushed = JsonNode.Parse(request.Data)!;
        Assert.Equal(body!["payload"]!.ToJsonString(), pushed.ToJsonString());
        Assert.Equal("fakemsg_1", body["messageId"]!.GetValue<string>());
        Assert.Equal(pushed["msgId"]!.GetValue<string>(), body["msgId"]!.GetValue<string>());
        Assert.Equal(pushed["conversationId"]!.GetValue<string>(), body["conversationId"]!.GetValue<string>());
        Assert.Equal(pushed["sessionWebhook"]!.GetValue<string>(), body["sessionWebhook"]!.GetValue<string>());
        Assert.True(body["delivered"]!.GetValue<bool>());
        Assert.Equal("{\"content\":\"你好\"}", pushed["text"]!.ToJsonString(Http.EmulatorJson.Options));
    }

    [Fact]
    public async Task PostMessages_GroupWithoutAt_IsNotPushedAndSaysWhy()
    {
        var pusher = new FakeStreamPusher();
        await using var emu = await StartWithPusherAsync(pusher);

        var (status, body) = await emu.SendAsync(HttpMethod.Post, "/_emulator/messages", new { from = "user001", conversation = "cidDemoGroup0001==", text = "大家好", atBot = false });

        Assert.Equal(200, status);
        Assert.False(body!["delivered"]!.GetValue<bool>());
        Assert.False(string.IsNullOrEmpty(body["reason"]!.GetValue<string>()));
        Assert.Empty(pusher.Pushed);
        var (_, conversations) = await emu.SendAsync(HttpMethod.Get, "/_emulator/conversations");
        Assert.Equal("cidDemoGroup0001==", Assert.Single(conversations!.AsArray())!["conversationId"]!.GetValue<string>());
    }

    [Fact]
    public async Task PostMessages_GroupAudio_Returns400()
    {
        var pusher = new FakeStreamPusher();
        await using var emu = await StartWithPusherAsync(pusher);

        var (status, body) = await emu.SendAsync(HttpMethod.Post, "/_emulator/messages", new { from = "user001", conversation = "cidDemoGroup0001==", msgtype = "audio" });

        Assert.Equal(400, status);
        Assert.Contains("audio", body!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(pusher.Pushed);
    }

    [Fact]
    public async Task PostMessages_UnknownUser_Returns400()
    {
        await using var emu = await StartWithPusherAsync(new FakeStreamPusher());

        var (status, body) = await emu.SendAsync(HttpMethod.Post, "/_emulator/messages", new { from = "ghost" });

        Assert.Equal(400, status);
        Assert.Contains("ghost", body!["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostMessages_NoStreamPusher_Returns503AfterRecording()
    {
        await using var emu = await TestEmulator.StartAsync(configureServices: s => s.RemoveAll<IStreamPusher>());

        var (status, body) = await emu.SendAsync(HttpMethod.Post, "/_emulator/messages", new { from = "user001", text = "hi" });

        Assert.Equal(503, status);
        Assert.Contains("stream pusher", body!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        var (_, conversations) = await emu.SendAsync(HttpMethod.Get, "/_emulator/conversations");
        Assert.Single(conversations!.AsArray());
    }

    [Fact]
    public async Task PostMessages_FileWithBase64_IsDownloadableThroughTheRobotApi()
    {
        await using var emu = await StartWithPusherAsync(new FakeStreamPusher());
        var token = await emu.GetTokenAsync();

        var (_, body) = await emu.SendAsync(HttpMethod.Post, "/_emulator/messages", new
        {
            from = "user001", msgtype = "file", file = new { name = "a.pdf", contentBase64 = Convert.ToBase64String("%PDF-hello"u8.ToArray()), contentType = "application/pdf" },
        });
        var code = body!["payload"]!["content"]!["downloadCode"]!.GetValue<string>();
        var (_, download) = await emu.SendAsync(HttpMethod.Post, "/v1.0/robot/messageFiles/download", new { downloadCode = code, robotCode = TestEmulator.ClientId }, token);
        var bytes = await emu.Http.GetByteArrayAsync(download!["downloadUrl"]!.GetValue<string>());

        Assert.Equal("%PDF-hello"u8.ToArray(), bytes);
    }

    [Fact]
    public async Task PostMessages_AudioOptions_AreReadFromTheBody()
    {
        var pusher = new FakeStreamPusher();
        await using var emu = await StartWithPusherAsync(pusher);

        var (status, body) = await emu.SendAsync(HttpMethod.Post, "/_emulator/messages", new
        {
            clientId = TestEmulator.ClientId, from = "user002", conversation = "dm", msgtype = "audio", recognition = "你好", duration = 2500, durationAsString = true, platform = "Win",
        });

        Assert.Equal(200, status);
        var pushed = JsonNode.Parse(Assert.Single(pusher.Pushed).Request.Data)!;
        Assert.Equal("audio", pushed["msgtype"]!.GetValue<string>());
        Assert.Equal("2500", pushed["content"]!["duration"]!.GetValue<string>());
        Assert.Equal("你好", pushed["content"]!["recognition"]!.GetValue<string>());
        Assert.Equal("Win", pushed["senderPlatform"]!.GetValue<string>());
        Assert.Equal("user002", pushed["senderStaffId"]!.GetValue<string>());
    }

    [Fact]
    public async Task PostMessages_QuotaExhaustedGroupQuote_IsPushedWithoutText()
    {
        var pusher = new FakeStreamPusher();
        await using var emu = await StartWithPusherAsync(pusher);

        var (status, _) = await emu.SendAsync(HttpMethod.Post, "/_emulator/messages", new
        {
            from = "user001", conversation = "cidDemoGroup0001==", text = "hi", quotaExhausted = true, quote = new { msgType = "text", from = "user002", text = "原文" },
        });

        Assert.Equal(200, status);
        var pushed = JsonNode.Parse(Assert.Single(pusher.Pushed).Request.Data)!.AsObject();
        Assert.Equal(20001, pushed["errorCode"]!.GetValue<int>());
        Assert.False(pushed.ContainsKey("text"));
        Assert.Equal("2", pushed["conversationType"]!.GetValue<string>());
    }

    private static Task<TestEmulator> StartWithPusherAsync(FakeStreamPusher pusher) =>
        TestEmulator.StartAsync(configureServices: services =>
        {
            services.RemoveAll<IStreamPusher>();
            services.AddSingleton<IStreamPusher>(pusher);
        });
}
