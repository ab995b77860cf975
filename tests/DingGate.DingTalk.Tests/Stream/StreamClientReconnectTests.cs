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
    public async Task RegistrationDownForever_DelaysFollowFormula_ThenFailedWithAlert()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync(o => o.PingInterval = TimeSpan.Zero);
        await emu.SendAsync(HttpMethod.Post, "/_emulator/faults", new { path = "/v1.0/gateway/connections/open", kind = "Status", status = 503 });
        await using var harness = StreamClientHarness.Start(emu, a => a with
        {
            InitialReconnectDelay = TimeSpan.FromMilliseconds(500), MaxReconnectDelay = TimeSpan.FromSeconds(3), MaxConnectionAttempts = 6,
        });

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

        await harness.Run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(6, emu.RegistrationCalls());
        Assert.Equal(StreamConnectionState.Failed, harness.Client.Status.State);
        Assert.Contains("failed 6 times", harness.Client.Status.LastError, StringComparison.Ordinal);
        var alert = Assert.Single(harness.Logs.Entries, e => e.EventId.Id == 1104);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Error, alert.Level);
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

    [Fact]
    public async Task SilentLink_DeclaredDeadAfterMissedPings_Reconnects()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync(o => o.PingInterval = TimeSpan.Zero);
        await using var harness = await StreamClientHarness.ConnectAsync(emu);

        harness.Time.Advance(TimeSpan.FromSeconds(74));
        Assert.Equal(StreamConnectionState.Connected, harness.Client.Status.State);
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        await harness.WaitForStateAsync(StreamConnectionState.Reconnecting);
        Assert.Contains("Dead", harness.Client.Status.LastError, StringComparison.Ordinal);
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        await harness.WaitForStateAsync(StreamConnectionState.Connected, count: 2);

        Assert.Equal(2, emu.RegistrationCalls());
        Assert.Contains(harness.Logs.Entries, e => e.EventId.Id == 1140);
    }

    [Fact]
    public async Task Frames_KeepLinkAlive_WatchdogResetByEachFrame()
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
