using DingGate.DingTalk.Stream;
using DingGate.DingTalk.Tests.Support;

namespace DingGate.DingTalk.Tests.Stream;

public sealed class StreamClientReconnectTests
{
    [Fact]
    public async Task DisconnectFrame_WarmReconnect_NewConnectionUpBeforeOldClosed()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync(o =>
        {
            o.PingInterval = TimeSpan.Zero;
            o.DisconnectGrace = TimeSpan.FromMinutes(5);
        });
        await using var harness = await StreamClientHarness.ConnectAsync(emu);
        var oldId = (await emu.ConnectionsAsync()).Single()!["id"]!.GetValue<string>();
        // The next registration hangs on the emulator's clock until we advance it: the old link must stay open meanwhile.
        await emu.SendAsync(HttpMethod.Post, "/_emulator/faults", new { path = "/v1.0/gateway/connections/open", kind = "Latency", delayMs = 5000, count = 1 });

        await emu.SendAsync(HttpMethod.Post, "/_emulator/connections/disconnect", new { });
        await harness.WaitForStateAsync(StreamConnectionState.Registering, count: 2);
        Assert.Equal("goaway", (await emu.ConnectionsAsync()).Single()!["state"]!.GetValue<string>());
        for (var i = 0; i < 10 && harness.History.Count(h => h.State == StreamConnectionState.Connected) < 2; i++)
        {
            emu.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(100); // real time for the socket I/O that follows each step
        }

        await harness.WaitForStateAsync(StreamConnectionState.Connected, count: 2);
        await TestWait.UntilAsync(async () => (await emu.ConnectionsAsync()).Single(c => c!["id"]!.GetValue<string>() == oldId)!["state"]!.GetValue<string>() == "closed", "old closed", TestWait.StreamTimeout);

        var fresh = (await emu.ConnectionsAsync()).Single(c => c!["id"]!.GetValue<string>() != oldId)!;
        Assert.Equal("active", fresh["state"]!.GetValue<string>());
        Assert.Equal(2, emu.RegistrationCalls());
        Assert.Equal(1, harness.Client.Status.ReconnectCount);
        Assert.DoesNotContain(harness.History, h => h.State == StreamConnectionState.Reconnecting);
        var disconnectAck = emu.Recorder.Frames.Single(f => f.ConnectionId == oldId && f.Direction == Emulator.Recording.FrameDirection.In);
        Assert.Equal(200, System.Text.Json.Nodes.JsonNode.Parse(disconnectAck.Text)!["code"]!.GetValue<int>());

        var injected = await emu.InjectAsync("after");
        var delivery = await harness.NextDeliveryAsync();
        Assert.Equal(injected["msgId"]!.GetValue<string>(), delivery.MessageKey);
    }

    [Fact]
    public async Task Drop_ReconnectsAfterBackoff_MessageInjectedWhileDownIsDelivered()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync(o => o.PingInterval = TimeSpan.Zero);
        await using var harness = await StreamClientHarness.ConnectAsync(emu);

        await emu.SendAsync(HttpMethod.Post, "/_emulator/connections/drop", new { });
        await harness.WaitForStateAsync(StreamConnectionState.Reconnecting);
        var injected = await emu.InjectAsync("while down");
        Assert.False(injected["delivered"]!.GetValue<bool>());
        Assert.Equal(TimeSpan.FromSeconds(1), harness.Client.Status.NextRetryDelay);
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        var delivery = await harness.NextDeliveryAsync();

        Assert.Equal(injected["msgId"]!.GetValue<string>(), delivery.MessageKey);
        await harness.WaitForStateAsync(StreamConnectionState.Connected, count: 2);
        Assert.Equal(1, harness.Client.Status.ReconnectCount);
        Assert.Equal(2, emu.RegistrationCalls());
        await TestWait.UntilAsync(async () => (await emu.PushesAsync()).Single()!["state"]!.GetValue<string>() == "acked", "acked after reconnect", TestWait.StreamTimeout);
    }

    [Fact]
    public async Task Registration5xx_Twice_RetriedWithBackoffThenConnected()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync(o => o.PingInterval = TimeSpan.Zero);
        await emu.SendAsync(HttpMethod.Post, "/_emulator/faults", new { path = "/v1.0/gateway/connections/open", kind = "Status", status = 503, count = 2 });
        await using var harness = StreamClientHarness.Start(emu);

        await harness.WaitForStateAsync(StreamConnectionState.Reconnecting);
        Assert.Equal(TimeSpan.FromSeconds(1), harness.Client.Status.NextRetryDelay);
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        await harness.WaitForStateAsync(StreamConnectionState.Reconnecting, count: 2);
        Assert.Equal(TimeSpan.FromSeconds(2), harness.Client.Status.NextRetryDelay);
        harness.Time.Advance(TimeSpan.FromSeconds(2));
        await harness.WaitForStateAsync(StreamConnectionState.Connected);

        Assert.Equal(3, emu.RegistrationCalls());
        Assert.Equal(0, harness.Client.Status.FailedAttempts);
        Assert.Contains("503", harness.History.Last(h => h.State == StreamConnectionState.Reconnecting).LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectRefused400_RetriedWithNewTicket()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync(o => o.PingInterval = TimeSpan.Zero);
        await emu.SendAsync(HttpMethod.Post, "/_emulator/faults", new { path = "/connect", kind = "Status", status = 400, count = 1 });
        await using var harness = StreamClientHarness.Start(emu);

        await harness.WaitForStateAsync(StreamConnectionState.Reconnecting);
        Assert.Contains("400", harness.Client.Status.LastError, StringComparison.Ordinal);
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        await harness.WaitForStateAsync(StreamConnectionState.Connected);

        Assert.Equal(2, emu.RegistrationCalls());
        var tickets = emu.Recorder.HttpCalls.Where(c => c.Path == "/connect").Select(c => c.Query).ToList();
        Assert.Equal(2, tickets.Count);
        Assert.NotEqual(tickets[0], tickets[1]);
    }

    [Fact]
    public async Task WrongSecret_FailsImmediately_ClearErrorWithoutSecretAndNoRetry()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync(o => o.PingInterval = TimeSpan.Zero);
        await using var harness = StreamClientHarness.Start(emu, a => a with { ClientSecret = "wrong-secret-xyz" });

        await harness.Run.WaitAsync(TimeSpan.FromSeconds(10));

        var status = harness.Client.Status;
        Assert.Equal(StreamConnectionState.Failed, status.State);
        Assert.Contains("Bad credentials", status.LastError, StringComparison.Ordinal);
        Assert.Contains(DingTalkTestEmulator.ClientId, status.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret-xyz", status.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain(harness.Logs.Entries, e => e.Message.Contains("wrong-secret-xyz", StringComparison.Ordinal));
        Assert.Contains(harness.Logs.Entries, e => e.EventId.Id == 1103 && e.Level == Microsoft.Extensions.Logging.LogLevel.Error);
        Assert.Equal(1, emu.RegistrationCalls());
        Assert.Equal(401, emu.Recorder.HttpCalls.Single().Status);
        Assert.Equal(StreamConnectionState.Failed, harness.History[^1].State);
        Assert.True(harness.Client.Deliveries.Completion.IsCompleted);
    }

    [Fact]
    public async Task RegistrationDownForever_FastAttemptsThenRetryingEveryMaxDelay_NeverGivesUp()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        await emu.SendAsync(HttpMethod.Post, "/_emulator/faults", new { path = "/v1.0/gateway/connections/open", kind = "Status", status = 503 });
        await using var harness = StreamClientHarness.Start(emu, a => a with
        {
            InitialReconnectDelay = TimeSpan.FromMilliseconds(500), MaxReconnectDelay = TimeSpan.FromSeconds(3), MaxConnectionAttempts = 6,
        });

        // The fast phase: the seed's formula for the first 6 attempts, state Reconnecting.
        var expected = new[] { 500, 1000, 2000, 3000, 3000 }.Select(ms => TimeSpan.FromMilliseconds(ms)).ToArray();
        for (var i = 0; i < expected.Length; i++)
        {
            await harness.WaitForStateAsync(StreamConnectionState.Reconnecting, count: i + 1);
            Assert.Equal(expected[i], harness.Client.Status.NextRetryDelay);
            Assert.Equal(i + 1, emu.RegistrationCalls());
            harness.Time.Advance(expected[i] - TimeSpan.FromMilliseconds(1));
            Assert.Equal(StreamConnectionState.Reconnecting, harness.Client.Status.State);
            harness.Time.Advance(TimeSpan.FromMilliseconds(1));
        }

        // Then every maxReconnectDelay, for ever: state Retrying, never Failed.
        for (var i = 0; i < 10; i++)
        {
            await harness.WaitForStateAsync(StreamConnectionState.Retrying, count: i + 1);
            Assert.Equal(TimeSpan.FromSeconds(3), harness.Client.Status.NextRetryDelay);
            Assert.Equal(6 + i, harness.Client.Status.FailedAttempts);
            harness.Time.Advance(TimeSpan.FromSeconds(3));
        }

        await harness.WaitForStateAsync(StreamConnectionState.Retrying, count: 11);
        Assert.False(harness.Run.IsCompleted);
        Assert.DoesNotContain(harness.History, h => h.State == StreamConnectionState.Failed);
        Assert.Equal(16, emu.RegistrationCalls());
        Assert.Contains("503", harness.Client.Status.LastError, StringComparison.Ordinal);

        await emu.SendAsync(HttpMethod.Delete, "/_emulator/faults");
        harness.Time.Advance(TimeSpan.FromSeconds(3));
        await harness.WaitForStateAsync(StreamConnectionState.Connected);
        Assert.Equal(0, harness.Client.Status.FailedAttempts);
        Assert.Equal(17, emu.RegistrationCalls());
    }

    [Fact]
    public async Task Retrying_OneErrorPerHourNotPerAttempt_BackOnlineLogged()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        await emu.SendAsync(HttpMethod.Post, "/_emulator/faults", new { path = "/v1.0/gateway/connections/open", kind = "Status", status = 503 });
        await using var harness = StreamClientHarness.Start(emu, a => a with
        {
            InitialReconnectDelay = TimeSpan.FromMilliseconds(500), MaxReconnectDelay = TimeSpan.FromMinutes(10), MaxConnectionAttempts = 3,
        });
        await harness.WaitForStateAsync(StreamConnectionState.Reconnecting);
        harness.Time.Advance(TimeSpan.FromMilliseconds(500));
        await harness.WaitForStateAsync(StreamConnectionState.Reconnecting, count: 2);
        harness.Time.Advance(TimeSpan.FromSeconds(1));

        // 3 fast failures, then 8 retries 10 minutes apart (80 minutes offline).
        for (var i = 0; i < 8; i++)
        {
            await harness.WaitForStateAsync(StreamConnectionState.Retrying, count: i + 1);
            harness.Time.Advance(TimeSpan.FromMinutes(10));
        }

        await harness.WaitForStateAsync(StreamConnectionState.Retrying, count: 9);
        var errors = harness.Logs.Entries.Where(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error).ToList();
        Assert.Equal(11, emu.RegistrationCalls());
        Assert.Equal(2, errors.Count); // when the slow phase started, and one hour later
        Assert.All(errors, e => Assert.Equal(1104, e.EventId.Id));
        Assert.Equal(3, harness.Logs.Entries.Count(e => e.EventId.Id == 1101 && e.Level == Microsoft.Extensions.Logging.LogLevel.Warning));
        Assert.Equal(8, harness.Logs.Entries.Count(e => e.EventId.Id == 1107 && e.Level == Microsoft.Extensions.Logging.LogLevel.Debug));

        await emu.SendAsync(HttpMethod.Delete, "/_emulator/faults");
        harness.Time.Advance(TimeSpan.FromMinutes(10));
        await harness.WaitForStateAsync(StreamConnectionState.Connected);
        Assert.Single(harness.Logs.Entries, e => e.EventId.Id == 1108);
        Assert.Equal(2, harness.Logs.Entries.Count(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error));
    }

    [Fact]
    public async Task Backoff_WithJitter_ObservedDelaysWithinBounds()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync(o => o.PingInterval = TimeSpan.Zero);
        await emu.SendAsync(HttpMethod.Post, "/_emulator/faults", new { path = "/v1.0/gateway/connections/open", kind = "Status", status = 503, count = 4 });
        await using var harness = StreamClientHarness.Start(emu, a => a with { ReconnectJitter = 0.3 });

        for (var i = 0; i < 4; i++)
        {
            await harness.WaitForStateAsync(StreamConnectionState.Reconnecting, count: i + 1);
            var delay = harness.Client.Status.NextRetryDelay!.Value;
            var baseDelay = TimeSpan.FromSeconds(Math.Pow(2, i));
            Assert.InRange(delay, baseDelay * 0.7, baseDelay * 1.3);
            harness.Time.Advance(delay);
        }

        await harness.WaitForStateAsync(StreamConnectionState.Connected);
        Assert.Equal(5, emu.RegistrationCalls());
    }

    // Replaces SilentLink_DeclaredDeadAfterMissedPings_Reconnects, which codified the belief that a link without data
    // frames for 75 s is dead (fidelity review finding 2). Ten minutes of fake time on both clocks, a quiet server
    // (the emulator's default: no SYSTEM pings) and a real 1 s WebSocket keep-alive answered meanwhile.
    [Fact]
    public async Task QuietLink_TenMinutesWithoutServerFrames_StaysUpWithOneRegistration()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        await using var harness = await StreamClientHarness.ConnectAsync(emu, a => a with { KeepAliveInterval = TimeSpan.FromSeconds(1) });

        for (var i = 0; i < 40; i++)
        {
            harness.Time.Advance(TimeSpan.FromSeconds(15));
            emu.Time.Advance(TimeSpan.FromSeconds(15));
            await Task.Delay(100); // real time: 4 s, a few keep-alive PING/PONGs
        }

        var injected = await emu.InjectAsync("still there?");
        var delivery = await harness.NextDeliveryAsync();

        Assert.Equal(injected["msgId"]!.GetValue<string>(), delivery.MessageKey);
        Assert.Single(emu.Calls("/v1.0/gateway/connections/open"));
        Assert.Equal(StreamConnectionState.Connected, harness.Client.Status.State);
        Assert.Equal(0, harness.Client.Status.ReconnectCount);
        Assert.DoesNotContain(harness.History, h => h.State == StreamConnectionState.Reconnecting);
        Assert.DoesNotContain(emu.Recorder.Frames, f => f.Text.Contains("\"ping\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DeadLink_PongsSuppressed_ReconnectsAfterTheKeepAliveTimeout()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        await using var harness = await StreamClientHarness.ConnectAsync(emu, a => a with { KeepAliveInterval = TimeSpan.FromSeconds(1) });
        var first = (await emu.ConnectionsAsync()).Single()!["id"]!.GetValue<string>();

        await emu.SendAsync(HttpMethod.Post, "/_emulator/connections/blackhole", new { connectionId = first });
        // Real time (ClientWebSocket's keep-alive): detected within ~1.75 s; polled with a generous bound.
        await harness.WaitForStateAsync(StreamConnectionState.Reconnecting);
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        await harness.WaitForStateAsync(StreamConnectionState.Connected, count: 2);

        Assert.Equal(2, emu.Calls("/v1.0/gateway/connections/open").Count);
        Assert.Equal(1, harness.Client.Status.ReconnectCount);
        Assert.Contains("Dropped", harness.History.First(h => h.State == StreamConnectionState.Reconnecting).LastError, StringComparison.Ordinal);
        Assert.Contains(harness.Logs.Entries, e => e.EventId.Id == 1141 && e.Message.Contains("Pong", StringComparison.Ordinal));
        var connections = await emu.ConnectionsAsync();
        Assert.True(connections.Single(c => c!["id"]!.GetValue<string>() == first)!["blackholed"]!.GetValue<bool>());
        Assert.Equal("active", connections.Single(c => c!["id"]!.GetValue<string>() != first)!["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task Frames_AfterMinutesOfSilence_DeliveredOnTheSameLink()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync(o => o.PingInterval = TimeSpan.Zero);
        await using var harness = await StreamClientHarness.ConnectAsync(emu);

        for (var i = 0; i < 3; i++)
        {
            harness.Time.Advance(TimeSpan.FromSeconds(60));
            await emu.InjectAsync("keep " + i);
            await harness.NextDeliveryAsync();
        }

        Assert.Equal(StreamConnectionState.Connected, harness.Client.Status.State);
        Assert.Equal(1, emu.RegistrationCalls());
    }
}
