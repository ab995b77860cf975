using System.Text.Json.Nodes;
using DingGate.DingTalk.Stream;
using DingGate.DingTalk.Tests.Support;
using DingGate.Emulator.Recording;

namespace DingGate.DingTalk.Tests.Stream;

public sealed class StreamClientConnectionTests
{
    [Fact]
    public async Task RunAsync_Connects_EmulatorListsSubscriptionsUaAndAcceptJson()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync(o => o.PingInterval = TimeSpan.Zero);
        await using var harness = await StreamClientHarness.ConnectAsync(emu);

        var connection = (await emu.ConnectionsAsync()).Single()!;
        Assert.Equal("active", connection["state"]!.GetValue<string>());
        Assert.True(connection["acceptJson"]!.GetValue<bool>());
        Assert.StartsWith("dinggate/", connection["ua"]!.GetValue<string>(), StringComparison.Ordinal);
        var subscriptions = connection["subscriptions"]!.AsArray().Select(s => (s!["type"]!.GetValue<string>(), s["topic"]!.GetValue<string>()));
        Assert.Equal([("EVENT", "*"), ("CALLBACK", "/v1.0/im/bot/messages/get"), ("CALLBACK", "/v1.0/card/instances/callback")], subscriptions);
        // (The recorded body is not parsed: the emulator's secret mask currently leaves a doubled quote.)
        var request = emu.Recorder.HttpCalls.Single(c => c.Path == "/v1.0/gateway/connections/open");
        Assert.Contains("\"clientId\":\"dingtestapp001\"", request.RequestBody, StringComparison.Ordinal);
        Assert.Contains("\"localIp\":", request.RequestBody, StringComparison.Ordinal);
        Assert.Equal("application/json", request.RequestHeaders.Single(h => h.Key.Equals("Accept", StringComparison.OrdinalIgnoreCase)).Value);
        var status = harness.Client.Status;
        Assert.Equal(StreamConnectionState.Connected, status.State);
        Assert.Equal(harness.Time.GetUtcNow(), status.ConnectedSince);
        Assert.Equal(
            [StreamConnectionState.Registering, StreamConnectionState.Connecting, StreamConnectionState.Connected],
            harness.History.Select(h => h.State));
    }

    [Fact]
    public async Task InjectedMessage_ArrivesOnDeliveries_AckedOnlyAfterJournalAppend()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync(o => o.PingInterval = TimeSpan.Zero);
        await using var harness = await StreamClientHarness.ConnectAsync(emu);
        var ackSeenDuringAppend = (bool?)null;
        harness.Journal.OnAppended = async entry =>
        {
            // Give an ACK-first client every chance to be caught: the ACK must not reach the emulator while we append.
            try
            {
                await TestWait.UntilAsync(() => AckFrames(emu).Any(), "an ACK", TimeSpan.FromMilliseconds(300));
                ackSeenDuringAppend = true;
            }
            catch (TimeoutException)
            {
                ackSeenDuringAppend = false;
            }
        };

        var injected = await emu.InjectAsync("hi");
        var delivery = await harness.NextDeliveryAsync();

        var msgId = injected["msgId"]!.GetValue<string>();
        var messageId = injected["messageId"]!.GetValue<string>();
        Assert.False(ackSeenDuringAppend);
        Assert.Equal("main", delivery.AccountId);
        Assert.Equal("CALLBACK", delivery.Type);
        Assert.Equal("/v1.0/im/bot/messages/get", delivery.Topic);
        Assert.Equal(msgId, delivery.MessageKey);
        Assert.Equal(messageId, delivery.Headers["messageId"]);
        Assert.Equal("hi", JsonNode.Parse(delivery.Data)!["text"]!["content"]!.GetValue<string>());
        var (entry, fresh) = harness.Journal.Appends.Single();
        Assert.True(fresh);
        Assert.Equal(("main", msgId, "/v1.0/im/bot/messages/get", delivery.Data), (entry.AccountId, entry.MessageKey, entry.Topic, entry.Payload));
        await TestWait.UntilAsync(async () => (await emu.PushesAsync()).Single()!["state"]!.GetValue<string>() == "acked", "push acked", TestWait.StreamTimeout);
        var ack = JsonNode.Parse(AckFrames(emu).Single().Text)!;
        Assert.Equal(200, ack["code"]!.GetValue<int>());
        Assert.Equal(messageId, ack["headers"]!["messageId"]!.GetValue<string>());
        Assert.Equal("{\"response\":null}", ack["data"]!.GetValue<string>());
    }

    [Fact]
    public async Task Ping_IsAnsweredWithPong_EmulatorTracksIt()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync(o => o.PingInterval = TimeSpan.FromSeconds(30));
        await using var harness = await StreamClientHarness.ConnectAsync(emu);

        emu.Time.Advance(TimeSpan.FromSeconds(30));

        await TestWait.UntilAsync(async () => (await emu.ConnectionsAsync()).Single()!["lastPongAt"] is not null, "pong tracked", TestWait.StreamTimeout);
        var ping = JsonNode.Parse(emu.Recorder.Frames.Single(f => f.Direction == FrameDirection.Out && f.Text.Contains("\"ping\"", StringComparison.Ordinal)).Text)!;
        var pong = JsonNode.Parse(emu.Recorder.Frames.Single(f => f.Direction == FrameDirection.In).Text)!;
        Assert.Equal(ping["headers"]!["messageId"]!.GetValue<string>(), pong["headers"]!["messageId"]!.GetValue<string>());
        Assert.Equal(ping["data"]!.GetValue<string>(), pong["data"]!.GetValue<string>());
        Assert.Equal(0, (await emu.ConnectionsAsync()).Single()!["missedPongs"]!.GetValue<int>());
        Assert.Equal(harness.Time.GetUtcNow(), harness.Client.Status.LastInboundAt);
    }

    [Fact]
    public async Task IgnoredAcks_Redelivery_IsDeliveredOnceAndAckedAgain()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync(o => o.PingInterval = TimeSpan.Zero);
        await using var harness = await StreamClientHarness.ConnectAsync(emu);
        await emu.SendAsync(HttpMethod.Put, "/_emulator/faults/stream", new { ignoreAcks = true });

        var injected = await emu.InjectAsync("once");
        var first = await harness.NextDeliveryAsync();
        emu.Time.Advance(TimeSpan.FromSeconds(60));
        await TestWait.UntilAsync(() => harness.Journal.Appends.Count == 2, "redelivery journaled", TestWait.StreamTimeout);
        await TestWait.UntilAsync(() => AckFrames(emu).Count() == 2, "redelivery ACKed", TestWait.StreamTimeout);

        var messageId = injected["messageId"]!.GetValue<string>();
        Assert.Equal(2, emu.Recorder.Frames.Count(f => f.Direction == FrameDirection.Out && f.Text.Contains(messageId, StringComparison.Ordinal)));
        Assert.Equal([true, false], harness.Journal.Appends.Select(a => a.Fresh));
        Assert.Equal(injected["msgId"]!.GetValue<string>(), first.MessageKey);
        Assert.False(harness.Client.Deliveries.TryRead(out _));
    }

    [Fact]
    public async Task Event_IsJournaledByEventIdAndAckedSuccess()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync(o => o.PingInterval = TimeSpan.Zero);
        await using var harness = await StreamClientHarness.ConnectAsync(emu);

        var (_, pushed) = await emu.SendAsync(HttpMethod.Post, "/_emulator/events", new { clientId = DingTalkTestEmulator.ClientId, eventType = "user_add_org", data = new { userId = new[] { "user001" } } });
        var delivery = await harness.NextDeliveryAsync();

        Assert.Equal("EVENT", delivery.Type);
        Assert.Equal("event:" + pushed!["eventId"]!.GetValue<string>(), delivery.MessageKey);
        await TestWait.UntilAsync(async () => (await emu.PushesAsync()).Single()!["state"]!.GetValue<string>() == "acked", "event acked", TestWait.StreamTimeout);
        var ack = JsonNode.Parse(AckFrames(emu).Single().Text)!;
        Assert.Equal("{\"status\":\"SUCCESS\",\"message\":\"success\"}", ack["data"]!.GetValue<string>());
    }

    [Fact]
    public async Task JournalFailure_LeavesPushUnacked_NotDelivered()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync(o => o.PingInterval = TimeSpan.Zero);
        await using var harness = await StreamClientHarness.ConnectAsync(emu);
        harness.Journal.FailWith = new IOException("disk full");

        await emu.InjectAsync("lost?");
        await TestWait.UntilAsync(() => harness.Logs.Entries.Any(e => e.EventId.Id == 1126), "journal failure logged", TestWait.StreamTimeout);
        harness.Journal.FailWith = null;
        emu.Time.Advance(TimeSpan.FromSeconds(60));
        var delivery = await harness.NextDeliveryAsync();

        Assert.Equal("/v1.0/im/bot/messages/get", delivery.Topic);
        await TestWait.UntilAsync(async () => (await emu.PushesAsync()).Single()!["state"]!.GetValue<string>() == "acked", "redelivery acked", TestWait.StreamTimeout);
        Assert.Single(AckFrames(emu));
        Assert.Equal(2, (await emu.PushesAsync()).Single()!["attempts"]!.GetValue<int>());
        Assert.Equal(StreamConnectionState.Connected, harness.Client.Status.State);
    }

    [Fact]
    public async Task Stop_ClosesSocketCleanly_StateStoppedAndChannelCompleted()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync(o => o.PingInterval = TimeSpan.Zero);
        var harness = await StreamClientHarness.ConnectAsync(emu);

        await harness.DisposeAsync();

        Assert.Equal(StreamConnectionState.Stopped, harness.Client.Status.State);
        Assert.True(harness.Client.Deliveries.Completion.IsCompleted);
        await TestWait.UntilAsync(async () => (await emu.ConnectionsAsync()).Single()!["state"]!.GetValue<string>() == "closed", "closed on the server", TestWait.StreamTimeout);
        Assert.Equal(1, emu.RegistrationCalls());
    }

    private static IEnumerable<RecordedFrame> AckFrames(DingTalkTestEmulator emu) =>
        emu.Recorder.Frames.Where(f => f.Direction == FrameDirection.In);
}
