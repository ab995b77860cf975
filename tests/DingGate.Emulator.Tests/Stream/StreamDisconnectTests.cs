using System.Text.Json.Nodes;
using DingGate.Emulator.Stream;
using DingGate.Emulator.Tests.Support;

namespace DingGate.Emulator.Tests.Stream;

public sealed class StreamDisconnectTests
{
    [Fact]
    public async Task Disconnect_ControlRoute_SendsFrameGoesAwayAndClosesAfterGrace()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.PingInterval = TimeSpan.Zero);
        await using var old = await StreamTestClient.ConnectAsync(emu);
        await using var fresh = await StreamTestClient.ConnectAsync(emu);

        var (status, body) = await emu.SendAsync(HttpMethod.Post, "/_emulator/connections/disconnect", new { connectionId = old.ConnectionId });
        var frame = await old.NextFrameAsync();
        await old.AckAsync(frame); // accepted and ignored

        Assert.Equal(200, status);
        Assert.Equal(old.ConnectionId, body!["disconnected"]![0]!.GetValue<string>());
        Assert.Equal("SYSTEM", frame["type"]!.GetValue<string>());
        Assert.Equal("disconnect", StreamTestClient.Topic(frame));
        Assert.Equal("{\"reason\":\"persistent connection is timeout\"}", frame["data"]!.GetValue<string>());
        var connections = emu.Get<StreamHub>();
        Assert.Equal(StreamConnectionState.GoAway, connections.Find(null, old.ConnectionId).Single().State);

        // No new pushes go to the go-away connection.
        for (var i = 0; i < 5; i++)
        {
            var handle = emu.Get<IStreamPusher>().Push(TestEmulator.ClientId, new StreamPushRequest(StreamPushKind.BotMessage, "/v1.0/im/bot/messages/get", "{}"));
            Assert.Equal(fresh.ConnectionId, handle.ConnectionId);
        }

        emu.Time.Advance(TimeSpan.FromSeconds(9));
        Assert.False(old.Closed);
        emu.Time.Advance(TimeSpan.FromSeconds(1));
        await old.WaitClosedAsync();
        await Eventually.TrueAsync(() => connections.Find(null, old.ConnectionId).Single().State == StreamConnectionState.Closed, "closed state");
        Assert.False(fresh.Closed);
    }

    [Fact]
    public async Task Disconnect_WithReason_SendsThatReason()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.PingInterval = TimeSpan.Zero);
        await using var client = await StreamTestClient.ConnectAsync(emu);

        await emu.SendAsync(HttpMethod.Post, "/_emulator/connections/disconnect", new { clientId = TestEmulator.ClientId, reason = "connection is expired" });
        var frame = await client.NextFrameAsync();

        Assert.Equal("connection is expired", JsonNode.Parse(frame["data"]!.GetValue<string>())!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task ConnectionMaxAge_WhenSet_DisconnectsAutomatically()
    {
        await using var emu = await TestEmulator.StartAsync(o =>
        {
            o.PingInterval = TimeSpan.Zero;
            o.ConnectionMaxAge = TimeSpan.FromMinutes(10);
        });
        await using var client = await StreamTestClient.ConnectAsync(emu);

        emu.Time.Advance(TimeSpan.FromMinutes(10));
        var frame = await client.NextFrameAsync();
        emu.Time.Advance(TimeSpan.FromSeconds(10));
        await client.WaitClosedAsync();

        Assert.Equal("disconnect", StreamTestClient.Topic(frame));
    }

    [Fact]
    public async Task ListConnections_ShowsStateSubscriptionsAndUa()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.PingInterval = TimeSpan.Zero);
        await using var client = await StreamTestClient.ConnectAsync(emu);

        var (status, body) = await emu.SendAsync(HttpMethod.Get, "/_emulator/connections");

        Assert.Equal(200, status);
        var item = body!.AsArray().Single()!;
        Assert.Equal(client.ConnectionId, item["id"]!.GetValue<string>());
        Assert.Equal(TestEmulator.ClientId, item["clientId"]!.GetValue<string>());
        Assert.Equal("active", item["state"]!.GetValue<string>());
        Assert.Equal("dinggate-tests/1.0", item["ua"]!.GetValue<string>());
        Assert.Equal(3, item["subscriptions"]!.AsArray().Count);
        Assert.Equal(0, item["missedPongs"]!.GetValue<int>());
    }

    [Fact]
    public async Task Drop_ControlRoute_AbortsWithoutCloseFrame()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.PingInterval = TimeSpan.Zero);
        await using var dropped = await StreamTestClient.ConnectAsync(emu);
        await using var kept = await StreamTestClient.ConnectAsync(emu);

        var (status, body) = await emu.SendAsync(HttpMethod.Post, "/_emulator/connections/drop", new { connectionId = dropped.ConnectionId });
        await dropped.WaitClosedAsync();

        Assert.Equal(200, status);
        Assert.Equal(dropped.ConnectionId, body!["dropped"]![0]!.GetValue<string>());
        Assert.Null(dropped.CloseStatus); // no close frame: the link just died
        Assert.False(kept.Closed);
        Assert.Equal(StreamConnectionState.Closed, emu.Get<StreamHub>().Find(null, dropped.ConnectionId).Single().State);
    }
}
