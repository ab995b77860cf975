using System.Text.Json.Nodes;
using DingGate.Emulator.Tests.Support;

namespace DingGate.Emulator.Tests.Messages;

/// <summary>The inject route end to end through the real stream hub and a real WebSocket client.</summary>
public sealed class MessageInjectOverStreamTests
{
    [Fact]
    public async Task Inject_GroupTextAtBot_ArrivesAsCallbackFrameWithThePayload()
    {
        await using var emu = await TestEmulator.StartAsync();
        await using var client = await StreamTestClient.ConnectAsync(emu);

        var (status, body) = await emu.SendAsync(HttpMethod.Post, "/_emulator/messages",
            new { from = "user002", conversation = "cidDemoGroup0001==", text = "你好", atBot = true });
        var frame = await client.NextFrameAsync(f => StreamTestClient.Topic(f) == "/v1.0/im/bot/messages/get");

        Assert.Equal(200, status);
        Assert.True(body!["delivered"]!.GetValue<bool>());
        Assert.Equal(body["messageId"]!.GetValue<string>(), StreamTestClient.MessageId(frame));
        Assert.Equal("CALLBACK", frame["type"]!.GetValue<string>());
        var data = JsonNode.Parse(frame["data"]!.GetValue<string>())!;
        Assert.Equal(body["msgId"]!.GetValue<string>(), data["msgId"]!.GetValue<string>());
        Assert.Equal("2", data["conversationType"]!.GetValue<string>());
        Assert.Equal(" 你好", data["text"]!["content"]!.GetValue<string>());
        Assert.True(data["isInAtList"]!.GetValue<bool>());
        Assert.Equal(data["sessionWebhookExpiredTime"]!.GetValue<long>(), data["createAt"]!.GetValue<long>() + 5_400_000);
    }

    [Fact]
    public async Task Inject_ThenReplyThroughSessionWebhook_ReplyShowsInConversation()
    {
        await using var emu = await TestEmulator.StartAsync();
        await using var client = await StreamTestClient.ConnectAsync(emu);
        var (_, injected) = await emu.SendAsync(HttpMethod.Post, "/_emulator/messages", new { from = "user001", text = "hi" });
        var frame = await client.NextFrameAsync(f => StreamTestClient.Topic(f) == "/v1.0/im/bot/messages/get");
        await client.AckAsync(frame);
        var webhook = new Uri(injected!["sessionWebhook"]!.GetValue<string>());

        var (status, reply) = await emu.SendAsync(HttpMethod.Post, webhook.PathAndQuery, new { msgtype = "markdown", markdown = new { title = "答", text = "**hello**" } });
        var conversationId = injected["conversationId"]!.GetValue<string>();
        var entries = emu.Get<DingGate.Emulator.Conversations.ConversationLog>().For(conversationId);

        Assert.Equal(200, status);
        Assert.Equal(0, reply!["errcode"]!.GetValue<int>());
        Assert.Collection(entries,
            user => Assert.False(user.FromBot),
            bot =>
            {
                Assert.True(bot.FromBot);
                Assert.Equal("sessionWebhook", bot.Via);
                Assert.Equal("**hello**", bot.Content["text"]!.GetValue<string>());
            });
    }
}
