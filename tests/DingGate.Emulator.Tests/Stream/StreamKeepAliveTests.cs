using System.Net.WebSockets;
using System.Text.Json.Nodes;
using DingGate.Emulator.Faults;
using DingGate.Emulator.Recording;
using DingGate.Emulator.Stream;
using DingGate.Emulator.Tests.Support;

namespace DingGate.Emulator.Tests.Stream;

public sealed class StreamKeepAliveTests
{
    [Fact]
    public async Task Ping_AfterInterval_HasSpecShapeAndPongIsTracked()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.PingInterval = TimeSpan.FromSeconds(30));
        await using var client = await StreamTestClient.ConnectAsync(emu);

        emu.Time.Advance(TimeSpan.FromSeconds(30));
        var ping = await client.NextPingAsync();

        Assert.Equal("1.0", ping["specVersion"]!.GetValue<string>());
        Assert.Equal("SYSTEM", ping["type"]!.GetValue<string>());
        var headers = ping["headers"]!.AsObject();
        Assert.Equal(["topic", "messageId", "contentType", "time"], headers.Select(h => h.Key));
        Assert.All(headers, h => Assert.Equal(System.Text.Json.JsonValueKind.String, h.Value!.GetValueKind()));
        Assert.Equal("application/json", headers["contentType"]!.GetValue<string>());
        Assert.Equal(emu.Time.GetUtcNow().ToUnixTimeMilliseconds().ToString(), headers["time"]!.GetValue<string>());
        var data = JsonNode.Parse(ping["data"]!.GetValue<string>())!.AsObject();
        Assert.True(Guid.TryParse(data["opaque"]!.GetValue<string>(), out _));
        var connection = emu.Get<StreamHub>().Connections.Single();
        await Eventually.TrueAsync(() => connection.KeepAlive!.LastPongAt is not null, "pong tracked");
        Assert.Equal(0, connection.KeepAlive!.MissedPongs);
    }

    [Fact]
    public async Task Pong_WithWrongOpaque_DoesNotCount()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.PingInterval = TimeSpan.FromSeconds(30));
        await using var client = await StreamTestClient.ConnectAsync(emu, autoPong: false);

        emu.Time.Advance(TimeSpan.FromSeconds(30));
        var ping = await client.NextPingAsync();
        await client.AckAsync(ping, data: "{\"opaque\":\"not-it\"}");
        await client.SendAsync("marker"); // frames are handled in order: once the marker is recorded the pong was handled
        await Eventually.TrueAsync(() => emu.Recorder.Frames.Any(f => f.Direction == FrameDirection.In && f.Text == "marker"), "marker recorded");

        Assert.Null(emu.Get<StreamHub>().Connections.Single().KeepAlive!.LastPongAt);
    }

    [Fact]
    public async Task MissedPongs_WhenEnabled_CloseTheSocket()
    {
        await using var emu = await TestEmulator.StartAsync(o =>
        {
            o.PingInterval = TimeSpan.FromSeconds(30);
            o.MaxMissedPongs = 2;
        });
        await using var client = await StreamTestClient.ConnectAsync(emu, autoPong: false);

        emu.Time.Advance(TimeSpan.FromSeconds(30));
        await client.NextPingAsync();
        emu.Time.Advance(TimeSpan.FromSeconds(30));
        await client.NextPingAsync();
        Assert.False(client.Closed);
        emu.Time.Advance(TimeSpan.FromSeconds(30));
        await client.WaitClosedAsync();

        Assert.Equal(WebSocketCloseStatus.PolicyViolation, client.CloseStatus);
        await Eventually.TrueAsync(() => emu.Get<StreamHub>().Connections.Single().State == StreamConnectionState.Closed, "connection closed");
    }

    [Fact]
    public async Task MissedPongs_Disabled_KeepTheSocketOpen()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.PingInterval = TimeSpan.FromSeconds(30));
        await using var client = await StreamTestClient.ConnectAsync(emu, autoPong: false);

        for (var i = 0; i < 5; i++)
        {
            emu.Time.Advance(TimeSpan.FromSeconds(30));
            await client.NextPingAsync();
        }

        Assert.False(client.Closed);
        Assert.Equal(4, emu.Get<StreamHub>().Connections.Single().KeepAlive!.MissedPongs);
    }

    [Fact]
    public async Task SuppressPings_Fault_SendsNoPing()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.PingInterval = TimeSpan.FromSeconds(30));
        await using var client = await StreamTestClient.ConnectAsync(emu);
        emu.Get<FaultSwitches>().SuppressPings = true;

        emu.Time.Advance(TimeSpan.FromSeconds(120));
        await emu.SendAsync(HttpMethod.Post, "/_emulator/events", new { clientId = TestEmulator.ClientId, eventType = "marker" });
        var next = await client.NextFrameAsync(_ => true);

        Assert.Equal("EVENT", next["type"]!.GetValue<string>());
        Assert.DoesNotContain(emu.Recorder.Frames, f => f.Text.Contains("\"ping\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WebSocketPing_IsAnsweredWithPong()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.PingInterval = TimeSpan.Zero);
        var ticket = await StreamTestClient.RegisterAsync(emu);
        using var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.FromMilliseconds(100);
        socket.Options.KeepAliveTimeout = TimeSpan.FromMilliseconds(500);
        await socket.ConnectAsync(StreamTestClient.SocketUri(emu, ticket), CancellationToken.None);

        // The client's keep-alive only runs while a receive is pending; it aborts the socket when a pong is missing.
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        var receive = socket.ReceiveAsync(new byte[1024], wait.Token);
        var outcome = await Record.ExceptionAsync(() => receive);

        Assert.IsAssignableFrom<OperationCanceledException>(outcome);
        Assert.True(wait.IsCancellationRequested, "ended by our own wait, not by the keep-alive (a missing pong aborts within ~0.6 s): " + outcome);
    }
}
