using DingGate.Emulator.Faults;
using DingGate.Emulator.Recording;
using DingGate.Emulator.Stream;
using DingGate.Emulator.Tests.Support;

namespace DingGate.Emulator.Tests.Stream;

public sealed class StreamRedeliveryTests
{
    private const string BotTopic = "/v1.0/im/bot/messages/get";
    private const string CardTopic = "/v1.0/card/instances/callback";

    [Fact]
    public async Task BotMessage_NotAcked_IsRedeliveredOnceWithIdenticalTextAfterWindow()
    {
        await using var emu = await StartAsync();
        await using var client = await StreamTestClient.ConnectAsync(emu);

        var handle = Push(emu, StreamPushKind.BotMessage, BotTopic);
        var first = await client.NextFrameAsync();
        emu.Time.Advance(TimeSpan.FromSeconds(59));
        await AssertNextIsMarkerAsync(emu, client);
        emu.Time.Advance(TimeSpan.FromSeconds(1));
        var second = await client.NextFrameAsync();
        emu.Time.Advance(TimeSpan.FromSeconds(60));
        var ack = await handle.Ack.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(first.ToJsonString(), second.ToJsonString());
        Assert.Null(ack);
        var sent = emu.Recorder.Frames.Where(f => f.Direction == FrameDirection.Out && f.Text.Contains(handle.MessageId, StringComparison.Ordinal)).ToList();
        Assert.Equal(2, sent.Count);
        Assert.Equal(sent[0].Text, sent[1].Text);
        await AssertPushStateAsync(emu, handle.MessageId, "failed", attempts: 2);
    }

    [Fact]
    public async Task BotMessage_Acked_IsNotRedelivered()
    {
        await using var emu = await StartAsync();
        await using var client = await StreamTestClient.ConnectAsync(emu);

        var handle = Push(emu, StreamPushKind.BotMessage, BotTopic);
        await client.AckAsync(await client.NextFrameAsync());
        await handle.Ack.WaitAsync(TimeSpan.FromSeconds(10));
        emu.Time.Advance(TimeSpan.FromSeconds(120));

        await AssertNextIsMarkerAsync(emu, client);
        await AssertPushStateAsync(emu, handle.MessageId, "acked", attempts: 1);
    }

    [Fact]
    public async Task BotMessage_Non200Ack_IsRedeliveredWhenSwitchOn()
    {
        await using var emu = await StartAsync();
        await using var client = await StreamTestClient.ConnectAsync(emu);

        var handle = Push(emu, StreamPushKind.BotMessage, BotTopic);
        await client.AckAsync(await client.NextFrameAsync(), code: 500);
        await Eventually.TrueAsync(() => emu.Get<StreamHub>().Pushes.Single().Acks.Count == 1, "ack handled");
        emu.Time.Advance(TimeSpan.FromSeconds(60));
        var again = await client.NextFrameAsync();

        Assert.Equal(handle.MessageId, StreamTestClient.MessageId(again));
    }

    [Fact]
    public async Task BotMessage_ZeroAttempts_IsFireAndForget()
    {
        await using var emu = await StartAsync(o => o.CallbackRedeliveryAttempts = 0);
        await using var client = await StreamTestClient.ConnectAsync(emu);

        var handle = Push(emu, StreamPushKind.BotMessage, BotTopic);
        await client.NextFrameAsync();
        emu.Time.Advance(TimeSpan.FromSeconds(300));

        await AssertNextIsMarkerAsync(emu, client);
        Assert.Null(await handle.Ack.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task BotMessage_IgnoreAcksFault_ForcesRedelivery()
    {
        await using var emu = await StartAsync();
        await using var client = await StreamTestClient.ConnectAsync(emu);
        emu.Get<FaultSwitches>().IgnoreAcks = true;

        var handle = Push(emu, StreamPushKind.BotMessage, BotTopic);
        await client.AckAsync(await client.NextFrameAsync());
        await Eventually.TrueAsync(() => emu.Recorder.Frames.Any(f => f.Direction == FrameDirection.In), "ack recorded");
        emu.Time.Advance(TimeSpan.FromSeconds(60));

        Assert.Equal(handle.MessageId, StreamTestClient.MessageId(await client.NextFrameAsync()));
    }

    [Fact]
    public async Task BotMessage_NoConnection_IsDeliveredWhenOneConnectsWithinWindow()
    {
        await using var emu = await StartAsync();

        var handle = Push(emu, StreamPushKind.BotMessage, BotTopic);
        emu.Time.Advance(TimeSpan.FromSeconds(30));
        await using var client = await StreamTestClient.ConnectAsync(emu);
        var frame = await client.NextFrameAsync();

        Assert.False(handle.Delivered);
        Assert.Equal(handle.MessageId, StreamTestClient.MessageId(frame));
    }

    [Fact]
    public async Task BotMessage_NoConnectionWithinAllWindows_IsDropped()
    {
        await using var emu = await StartAsync();

        var handle = Push(emu, StreamPushKind.BotMessage, BotTopic);
        emu.Time.Advance(TimeSpan.FromSeconds(60));
        emu.Time.Advance(TimeSpan.FromSeconds(60));

        Assert.Null(await handle.Ack.WaitAsync(TimeSpan.FromSeconds(10)));
        await AssertPushStateAsync(emu, handle.MessageId, "dropped", attempts: 0);
    }

    [Fact]
    public async Task Event_AckedLater_IsRedeliveredOnScheduleThenListedAsFailed()
    {
        await using var emu = await StartAsync();
        await using var client = await StreamTestClient.ConnectAsync(emu);
        const string later = "{\"status\":\"LATER\",\"message\":\"busy\"}";

        var handle = Push(emu, StreamPushKind.Event, "*");
        var first = await client.NextFrameAsync();
        await client.AckAsync(first, data: later);
        await WaitAcksAsync(emu, 1);
        emu.Time.Advance(TimeSpan.FromSeconds(9));
        await AssertNextIsMarkerAsync(emu, client);
        emu.Time.Advance(TimeSpan.FromSeconds(1));
        var second = await client.NextFrameAsync(f => StreamTestClient.MessageId(f) == handle.MessageId);
        await client.AckAsync(second, data: later);
        await WaitAcksAsync(emu, 2);
        emu.Time.Advance(TimeSpan.FromSeconds(30));
        var third = await client.NextFrameAsync(f => StreamTestClient.MessageId(f) == handle.MessageId);
        await client.AckAsync(third, code: 500, data: "");

        Assert.Null(await handle.Ack.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(first.ToJsonString(), third.ToJsonString());
        Assert.Equal(handle.EventId, third["headers"]!["eventId"]!.GetValue<string>());
        var (_, failed) = await emu.SendAsync(HttpMethod.Get, "/_emulator/events/failed");
        var entry = failed!.AsArray().Single()!;
        Assert.Equal(handle.EventId, entry["eventId"]!.GetValue<string>());
        Assert.Equal(3, entry["attempts"]!.GetValue<int>());
        Assert.Equal(500, entry["lastAck"]!["code"]!.GetValue<int>());
        await AssertPushStateAsync(emu, handle.MessageId, "failed", attempts: 3);
    }

    [Theory]
    [InlineData("{\"status\":\"SUCCESS\",\"message\":\"success\"}")]
    [InlineData("{\"userId\":[\"user001\"]}")]
    public async Task Event_AckedSuccessOrWithoutStatus_IsDone(string data)
    {
        await using var emu = await StartAsync();
        await using var client = await StreamTestClient.ConnectAsync(emu);

        var handle = Push(emu, StreamPushKind.Event, "*");
        await client.AckAsync(await client.NextFrameAsync(), data: data);

        Assert.NotNull(await handle.Ack.WaitAsync(TimeSpan.FromSeconds(10)));
        emu.Time.Advance(TimeSpan.FromSeconds(60));
        await AssertNextIsMarkerAsync(emu, client);
        Assert.Empty(emu.Get<StreamHub>().FailedEvents);
    }

    [Fact]
    public async Task CardCallback_AckWithinWindow_CompletesWithAck()
    {
        await using var emu = await StartAsync();
        await using var client = await StreamTestClient.ConnectAsync(emu);

        var handle = Push(emu, StreamPushKind.CardCallback, CardTopic);
        var frame = await client.NextFrameAsync();
        emu.Time.Advance(TimeSpan.FromMilliseconds(1900));
        await client.AckAsync(frame, data: "{\"response\":{\"cardData\":{\"cardParamMap\":{\"status\":\"ok\"}}}}");
        var ack = await handle.Ack.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.NotNull(ack);
        Assert.Contains("cardParamMap", ack.Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CardCallback_NoAckWithinWindow_CompletesWithNullAndIsNotRedelivered()
    {
        await using var emu = await StartAsync();
        await using var client = await StreamTestClient.ConnectAsync(emu);

        var handle = Push(emu, StreamPushKind.CardCallback, CardTopic);
        var frame = await client.NextFrameAsync();
        emu.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Null(await handle.Ack.WaitAsync(TimeSpan.FromSeconds(10)));
        await client.AckAsync(frame); // too late
        emu.Time.Advance(TimeSpan.FromSeconds(120));

        await AssertNextIsMarkerAsync(emu, client);
        await AssertPushStateAsync(emu, handle.MessageId, "failed", attempts: 1);
    }

    private static Task<TestEmulator> StartAsync(Action<EmulatorOptions>? configure = null) => TestEmulator.StartAsync(o =>
    {
        o.PingInterval = TimeSpan.Zero;
        configure?.Invoke(o);
    });

    private static PushHandle Push(TestEmulator emu, StreamPushKind kind, string topic) =>
        emu.Get<IStreamPusher>().Push(TestEmulator.ClientId, new StreamPushRequest(kind, topic, "{\"n\":1}"));

    private static Task WaitAcksAsync(TestEmulator emu, int count) =>
        Eventually.TrueAsync(() => emu.Get<StreamHub>().Pushes[0].Acks.Count == count, $"{count} ACK(s) handled");

    /// <summary>Pushes a marker event; frames are sent in queue order, so anything queued before it would arrive first.</summary>
    private static async Task AssertNextIsMarkerAsync(TestEmulator emu, StreamTestClient client)
    {
        var marker = emu.Get<IStreamPusher>().Push(TestEmulator.ClientId, new StreamPushRequest(StreamPushKind.Event, "*", "{\"marker\":true}"));
        var next = await client.NextFrameAsync();
        Assert.Equal(marker.MessageId, StreamTestClient.MessageId(next));
        await client.AckAsync(next);
        await marker.Ack.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private static async Task AssertPushStateAsync(TestEmulator emu, string messageId, string state, int attempts)
    {
        var (_, pushes) = await emu.SendAsync(HttpMethod.Get, "/_emulator/pushes");
        var push = pushes!.AsArray().Single(p => p!["messageId"]!.GetValue<string>() == messageId)!;
        Assert.Equal(state, push["state"]!.GetValue<string>());
        Assert.Equal(attempts, push["attempts"]!.GetValue<int>());
    }
}
