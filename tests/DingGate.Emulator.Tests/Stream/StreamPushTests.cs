using System.Text.Json;
using System.Text.Json.Nodes;
using DingGate.Emulator.Recording;
using DingGate.Emulator.Stream;
using DingGate.Emulator.Tests.Support;

namespace DingGate.Emulator.Tests.Stream;

public sealed class StreamPushTests
{
    private const string BotTopic = "/v1.0/im/bot/messages/get";

    [Fact]
    public async Task Push_BotMessage_FrameHasSpecShapeWithStringHeadersAndDoubleEncodedData()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.PingInterval = TimeSpan.Zero);
        await using var client = await StreamTestClient.ConnectAsync(emu);

        var handle = Pusher(emu).Push(TestEmulator.ClientId, new StreamPushRequest(StreamPushKind.BotMessage, BotTopic, "{\"msgtype\":\"text\",\"text\":{\"content\":\"你好\"}}"));
        var frame = await client.NextFrameAsync();

        Assert.True(handle.Delivered);
        Assert.Equal(client.ConnectionId, handle.ConnectionId);
        Assert.Equal(["specVersion", "type", "headers", "data"], frame.Select(p => p.Key));
        Assert.Equal("1.0", frame["specVersion"]!.GetValue<string>());
        Assert.Equal("CALLBACK", frame["type"]!.GetValue<string>());
        var headers = frame["headers"]!.AsObject();
        Assert.All(headers, h => Assert.Equal(JsonValueKind.String, h.Value!.GetValueKind()));
        Assert.Equal(BotTopic, headers["topic"]!.GetValue<string>());
        Assert.Equal(handle.MessageId, headers["messageId"]!.GetValue<string>());
        Assert.Matches("^[0-9a-f]{8}_[0-9a-f]{3}_[0-9a-f]+_[0-9a-f]{4}$", handle.MessageId);
        Assert.Equal("application/json", headers["contentType"]!.GetValue<string>());
        Assert.Equal(emu.Time.GetUtcNow().ToUnixTimeMilliseconds().ToString(), headers["time"]!.GetValue<string>());
        Assert.Equal(emu.Host.Apps.FindByClientId(TestEmulator.ClientId)!.AppId, headers["appId"]!.GetValue<string>());
        Assert.Equal(client.ConnectionId, headers["connectionId"]!.GetValue<string>());
        Assert.Equal(6, headers.Count);
        Assert.Equal(JsonValueKind.String, frame["data"]!.GetValueKind());
        Assert.Equal("你好", JsonNode.Parse(frame["data"]!.GetValue<string>())!["text"]!["content"]!.GetValue<string>());
        var recorded = emu.Recorder.Frames.Single(f => f.Direction == FrameDirection.Out);
        Assert.Equal(frame.ToJsonString(), JsonNode.Parse(recorded.Text)!.ToJsonString());
        Assert.Equal(client.ConnectionId, recorded.ConnectionId);
    }

    [Fact]
    public async Task Push_Acked_RecordsAckWithLatency()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.PingInterval = TimeSpan.Zero);
        await using var client = await StreamTestClient.ConnectAsync(emu);

        var handle = Pusher(emu).Push(TestEmulator.ClientId, new StreamPushRequest(StreamPushKind.BotMessage, BotTopic, "{}"));
        var frame = await client.NextFrameAsync();
        emu.Time.Advance(TimeSpan.FromMilliseconds(1500));
        await client.AckAsync(frame);
        var ack = await handle.Ack.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.NotNull(ack);
        Assert.Equal(200, ack.Code);
        Assert.Equal("OK", ack.Message);
        Assert.Equal("{\"response\":null}", ack.Data);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), ack.Latency);
        var (_, pushes) = await emu.SendAsync(HttpMethod.Get, "/_emulator/pushes");
        var listed = pushes!.AsArray().Single()!;
        Assert.Equal("acked", listed["state"]!.GetValue<string>());
        Assert.Equal(1500, listed["ack"]!["latencyMs"]!.GetValue<long>());
        Assert.Equal(200, listed["ack"]!["code"]!.GetValue<int>());
        Assert.Equal(1, listed["attempts"]!.GetValue<int>());
    }

    [Fact]
    public async Task Push_CallbackTopicNotSubscribed_GoesOnlyToSubscribedConnection()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.PingInterval = TimeSpan.Zero);
        await using var eventsOnly = await StreamTestClient.ConnectAsync(emu, [new { type = "EVENT", topic = "*" }]);
        await using var bot = await StreamTestClient.ConnectAsync(emu, [new { type = "CALLBACK", topic = BotTopic }]);

        var handles = Enumerable.Range(0, 6)
            .Select(_ => Pusher(emu).Push(TestEmulator.ClientId, new StreamPushRequest(StreamPushKind.BotMessage, BotTopic, "{}")))
            .ToList();
        var card = Pusher(emu).Push(TestEmulator.ClientId, new StreamPushRequest(StreamPushKind.CardCallback, "/v1.0/card/instances/callback", "{}"));
        var evt = Pusher(emu).Push(TestEmulator.ClientId, new StreamPushRequest(StreamPushKind.Event, "*", "{}"));

        Assert.All(handles, h => Assert.Equal(bot.ConnectionId, h.ConnectionId));
        Assert.False(card.Delivered);
        Assert.Equal(eventsOnly.ConnectionId, evt.ConnectionId);
    }

    [Fact]
    public async Task Push_TwoConnections_RandomPickIsSeededAndUsesBoth()
    {
        var first = await PickSequenceAsync();
        var second = await PickSequenceAsync();

        Assert.Equal(first, second);
        Assert.Contains('A', first);
        Assert.Contains('B', first);
    }

    [Fact]
    public async Task Push_Event_CarriesEventHeaders()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.PingInterval = TimeSpan.Zero);
        await using var client = await StreamTestClient.ConnectAsync(emu);

        var (status, body) = await emu.SendAsync(HttpMethod.Post, "/_emulator/events", new { clientId = TestEmulator.ClientId, eventType = "user_add_org", data = new { userId = new[] { "user001" } } });
        var frame = await client.NextFrameAsync();

        Assert.Equal(200, status);
        Assert.True(body!["delivered"]!.GetValue<bool>());
        var headers = frame["headers"]!.AsObject();
        Assert.Equal("EVENT", frame["type"]!.GetValue<string>());
        Assert.Equal(["topic", "messageId", "contentType", "time", "eventType", "eventId", "eventBornTime", "eventCorpId", "eventUnifiedAppId"], headers.Select(h => h.Key));
        Assert.All(headers, h => Assert.Equal(JsonValueKind.String, h.Value!.GetValueKind()));
        Assert.Equal("*", headers["topic"]!.GetValue<string>());
        Assert.Equal("user_add_org", headers["eventType"]!.GetValue<string>());
        Assert.Equal(body["eventId"]!.GetValue<string>(), headers["eventId"]!.GetValue<string>());
        Assert.Equal(body["messageId"]!.GetValue<string>(), headers["messageId"]!.GetValue<string>());
        Assert.Equal("dingcorpemulator001", headers["eventCorpId"]!.GetValue<string>());
        Assert.Equal(emu.Host.Apps.FindByClientId(TestEmulator.ClientId)!.AppId, headers["eventUnifiedAppId"]!.GetValue<string>());
        Assert.Equal("{\"userId\":[\"user001\"]}", frame["data"]!.GetValue<string>());
    }

    [Fact]
    public async Task ClientFrame_Malformed_IsRecordedAndSocketStaysOpen()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.PingInterval = TimeSpan.Zero);
        await using var client = await StreamTestClient.ConnectAsync(emu);

        await client.SendAsync("this is not json {");
        await client.SendAsync("{\"code\":200,\"headers\":{\"messageId\":\"unknown-id\"}}");
        await client.SendAsync("[1,2,3]");
        var (status, body) = await emu.SendAsync(HttpMethod.Post, "/_emulator/stream/push", new { clientId = TestEmulator.ClientId, type = "CALLBACK", topic = BotTopic, data = new { hello = "world" } });
        var frame = await client.NextFrameAsync();

        Assert.Equal(200, status);
        Assert.Equal(body!["messageId"]!.GetValue<string>(), StreamTestClient.MessageId(frame));
        var inbound = emu.Recorder.Frames.Where(f => f.Direction == FrameDirection.In).Select(f => f.Text).ToList();
        Assert.Equal(["this is not json {", "{\"code\":200,\"headers\":{\"messageId\":\"unknown-id\"}}", "[1,2,3]"], inbound);
        Assert.False(client.Closed);
    }

    private static IStreamPusher Pusher(TestEmulator emu) => emu.Get<IStreamPusher>();

    private static async Task<string> PickSequenceAsync()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.PingInterval = TimeSpan.Zero);
        await using var a = await StreamTestClient.ConnectAsync(emu);
        await using var b = await StreamTestClient.ConnectAsync(emu);
        var picks = Enumerable.Range(0, 12)
            .Select(_ => Pusher(emu).Push(TestEmulator.ClientId, new StreamPushRequest(StreamPushKind.BotMessage, BotTopic, "{}")).ConnectionId)
            .Select(id => id == a.ConnectionId ? 'A' : id == b.ConnectionId ? 'B' : '?');
        return new string(picks.ToArray());
    }
}
