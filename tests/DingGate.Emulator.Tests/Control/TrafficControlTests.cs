using System.Text.Json.Nodes;
using DingGate.Emulator.Tests.Support;

namespace DingGate.Emulator.Tests.Control;

public sealed class TrafficControlTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Conversation_IdWithSlashAndPlus_IsReadableRawOrEncoded(bool encode)
    {
        await using var emu = await TestEmulator.StartAsync();
        const string id = "cid6KeBB+oveMJ/8Ne==";
        emu.Get<DingGate.Emulator.Conversations.ConversationLog>().Add(id, "2", TestEmulator.ClientId, fromBot: true, "text", "sessionWebhook", new JsonObject { ["content"] = "x" });

        var path = "/_emulator/conversations/" + (encode ? Uri.EscapeDataString(id) : id);
        var (status, body) = await emu.SendAsync(HttpMethod.Get, path);

        Assert.Equal(200, status);
        Assert.Equal(id, Assert.Single(body!.AsArray())!["conversationId"]!.GetValue<string>());
    }

    [Fact]
    public async Task TrafficHttp_RefusedWebSocketUpgrade_IsRecordedWithItsRealStatus()
    {
        await using var emu = await TestEmulator.StartAsync();
        using var socket = new System.Net.WebSockets.ClientWebSocket();

        await Assert.ThrowsAnyAsync<System.Net.WebSockets.WebSocketException>(() =>
            socket.ConnectAsync(new Uri($"ws://127.0.0.1:{emu.Host.BaseUrl.Port}/connect?ticket=bogus"), CancellationToken.None));

        var call = Assert.Single(emu.Recorder.HttpCalls, c => c.Path == "/connect");
        Assert.Equal(400, call.Status);
    }
}
