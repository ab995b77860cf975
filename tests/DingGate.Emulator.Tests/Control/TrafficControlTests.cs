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

    [Fact]
    public async Task Stats_CallsByStatus_CountsEveryStatusUntilTheTrafficIsCleared()
    {
        await using var emu = await TestEmulator.StartAsync();
        await emu.SendAsync(HttpMethod.Post, "/_emulator/faults", new { path = "/v1.0/oauth2/accessToken", kind = "QpsLimit", count = 2 });
        var statuses = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            var (status, _) = await emu.SendAsync(HttpMethod.Post, "/v1.0/oauth2/accessToken", new { appKey = TestEmulator.ClientId, appSecret = TestEmulator.ClientSecret });
            statuses.Add(status);
        }

        var (_, stats) = await emu.SendAsync(HttpMethod.Get, "/_emulator/stats");
        await emu.SendAsync(HttpMethod.Delete, "/_emulator/traffic");
        var (_, cleared) = await emu.SendAsync(HttpMethod.Get, "/_emulator/stats");

        Assert.Equal([403, 403, 200], statuses);
        var byStatus = stats!["callsByStatus"]!.AsObject();
        Assert.Equal(2, byStatus["403"]!.GetValue<long>());
        Assert.True(byStatus["200"]!.GetValue<long>() >= 1);
        Assert.Empty(cleared!["callsByStatus"]!.AsObject());
    }
}
