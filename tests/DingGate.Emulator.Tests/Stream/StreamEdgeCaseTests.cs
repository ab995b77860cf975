using DingGate.Emulator.Stream;
using DingGate.Emulator.Tests.Support;

namespace DingGate.Emulator.Tests.Stream;

public sealed class StreamEdgeCaseTests
{
    private const string BotTopic = "/v1.0/im/bot/messages/get";

    [Fact]
    public async Task Push_FrameLargerThanMaxFrameBytes_IsRejected()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.MaxFrameBytes = 1024);
        var big = new { text = new string('x', 2000) };

        var (status, body) = await emu.SendAsync(HttpMethod.Post, "/_emulator/stream/push", new { clientId = TestEmulator.ClientId, type = "CALLBACK", topic = BotTopic, data = big });

        Assert.Equal(400, status);
        Assert.Contains("MaxFrameBytes", body!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => emu.Get<IStreamPusher>().Push(
            TestEmulator.ClientId, new StreamPushRequest(StreamPushKind.BotMessage, BotTopic, System.Text.Json.JsonSerializer.Serialize(big))));
    }

    [Fact]
    public async Task Drop_ByClientId_AbortsAllSocketsOfTheAppAndPushesWaitForAConnection()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.PingInterval = TimeSpan.Zero);
        await using var a = await StreamTestClient.ConnectAsync(emu);
        await using var b = await StreamTestClient.ConnectAsync(emu);

        var (_, body) = await emu.SendAsync(HttpMethod.Post, "/_emulator/connections/drop", new { clientId = TestEmulator.ClientId });
        await a.WaitClosedAsync();
        await b.WaitClosedAsync();
        var handle = emu.Get<IStreamPusher>().Push(TestEmulator.ClientId, new StreamPushRequest(StreamPushKind.BotMessage, BotTopic, "{}"));
        await using var c = await StreamTestClient.ConnectAsync(emu);
        var frame = await c.NextFrameAsync();

        Assert.Equal(2, body!["dropped"]!.AsArray().Count);
        Assert.False(handle.Delivered);
        Assert.Equal(handle.MessageId, StreamTestClient.MessageId(frame));
    }

    [Fact]
    public async Task Event_NoConnectionEver_IsDroppedAndListedAsFailed()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.PingInterval = TimeSpan.Zero);

        var (_, body) = await emu.SendAsync(HttpMethod.Post, "/_emulator/events", new { clientId = TestEmulator.ClientId, eventType = "user_leave_org", eventCorpId = "dingothercorp" });
        emu.Time.Advance(TimeSpan.FromSeconds(10));
        emu.Time.Advance(TimeSpan.FromSeconds(30));
        emu.Time.Advance(TimeSpan.FromSeconds(30));
        var (_, failed) = await emu.SendAsync(HttpMethod.Get, "/_emulator/events/failed");
        var (_, pushes) = await emu.SendAsync(HttpMethod.Get, "/_emulator/pushes");

        Assert.False(body!["delivered"]!.GetValue<bool>());
        Assert.Equal("user_leave_org", failed![0]!["eventType"]!.GetValue<string>());
        Assert.Equal(0, failed[0]!["attempts"]!.GetValue<int>());
        Assert.Equal("dropped", pushes![0]!["state"]!.GetValue<string>());
        Assert.Equal("dingothercorp", emu.Get<StreamHub>().Pushes[0].Definition.Header("eventCorpId"));
    }

    [Fact]
    public async Task ControlRoutes_BadBodies_Return400()
    {
        await using var emu = await TestEmulator.StartAsync();

        var (events, _) = await emu.SendAsync(HttpMethod.Post, "/_emulator/events", new { clientId = "nobody", eventType = "x" });
        var (push, _) = await emu.SendAsync(HttpMethod.Post, "/_emulator/stream/push", new { clientId = TestEmulator.ClientId, type = "SYSTEM", topic = "ping", data = new { } });

        Assert.Equal(400, events);
        Assert.Equal(400, push);
    }
}
