using System.Net.WebSockets;
using DingGate.Emulator.Recording;
using DingGate.Emulator.Stream;
using DingGate.Emulator.Tests.Support;

namespace DingGate.Emulator.Tests.Stream;

// Issue 11 (fidelity): the real server's link is quiet, a dead network path can be simulated, and a disconnect may come
// without messageId. See docs/emulator.md, "Stream links: liveness, reconnects, frames".
public sealed class StreamLivenessFidelityTests
{
    [Fact]
    public async Task Defaults_NoSystemPing_EvenAfterTenMinutes()
    {
        await using var emu = await TestEmulator.StartAsync();
        await using var client = await StreamTestClient.ConnectAsync(emu);

        for (var i = 0; i < 20; i++)
        {
            emu.Time.Advance(TimeSpan.FromSeconds(30));
        }

        await emu.SendAsync(HttpMethod.Post, "/_emulator/events", new { clientId = TestEmulator.ClientId, eventType = "marker" });
        var next = await client.NextFrameAsync(_ => true);

        Assert.Null(emu.Host.Options.PingInterval);
        Assert.Equal("EVENT", next["type"]!.GetValue<string>());
        Assert.DoesNotContain(emu.Recorder.Frames, f => f.Direction == FrameDirection.Out && f.Text.Contains("\"ping\"", StringComparison.Ordinal));
        var (_, settings) = await emu.SendAsync(HttpMethod.Get, "/_emulator/settings");
        Assert.Null(settings!["pingIntervalMs"]);
    }

    [Fact]
    public async Task Settings_PingIntervalMs_NullTurnsPingsOffAgain()
    {
        await using var emu = await TestEmulator.StartAsync();

        var (on, _) = await emu.SendAsync(HttpMethod.Patch, "/_emulator/settings", new { pingIntervalMs = 30000 });
        var onValue = emu.Host.Options.PingInterval;
        var (off, body) = await emu.SendAsync(HttpMethod.Patch, "/_emulator/settings", "{\"pingIntervalMs\":null}");

        Assert.Equal((200, 200), (on, off));
        Assert.Equal(TimeSpan.FromSeconds(30), onValue);
        Assert.Null(emu.Host.Options.PingInterval);
        Assert.Null(body!["pingIntervalMs"]);
    }

    [Fact]
    public async Task Blackhole_ClientWebSocketPingsGoUnanswered_ClientKeepAliveAbortsTheSocket()
    {
        await using var emu = await TestEmulator.StartAsync();
        var ticket = await StreamTestClient.RegisterAsync(emu);
        using var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.FromMilliseconds(200);
        socket.Options.KeepAliveTimeout = TimeSpan.FromMilliseconds(300);
        await socket.ConnectAsync(StreamTestClient.SocketUri(emu, ticket), CancellationToken.None);
        await Eventually.TrueAsync(() => emu.Get<StreamHub>().Connections.Count == 1, "connection registered");
        var connection = emu.Get<StreamHub>().Connections.Single();

        var (status, body) = await emu.SendAsync(HttpMethod.Post, "/_emulator/connections/blackhole", new { connectionId = connection.Id });
        // Real time: ClientWebSocket's keep-alive runs on the system clock. A generous bound, not a timing assertion.
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var outcome = await Record.ExceptionAsync(() => socket.ReceiveAsync(new byte[1024], wait.Token));

        Assert.Equal(200, status);
        Assert.Equal(connection.Id, body!["blackholed"]![0]!.GetValue<string>());
        // ClientWebSocket reports its own keep-alive abort as "Aborted" carrying the missing-PONG WebSocketException.
        Assert.IsAssignableFrom<OperationCanceledException>(outcome);
        Assert.Equal(WebSocketState.Aborted, socket.State);
        // (Wrapped in an AggregateException or not, depending on which of its loops noticed first.)
        Assert.True(
            outcome.InnerException is WebSocketException
            || (outcome.InnerException is AggregateException aggregate && aggregate.InnerExceptions.Any(e => e is WebSocketException)),
            $"expected the missing-PONG WebSocketException, got {outcome.InnerException?.GetType().Name}");
        Assert.False(wait.IsCancellationRequested);
        var (_, listed) = await emu.SendAsync(HttpMethod.Get, "/_emulator/connections");
        Assert.True(listed!.AsArray().Single()!["blackholed"]!.GetValue<bool>());
        await Eventually.TrueAsync(() => connection.State == StreamConnectionState.Closed, "server side ends once the client is gone");
    }

    [Fact]
    public async Task Blackhole_FramesSentMeanwhileNeverReachTheClient()
    {
        await using var emu = await TestEmulator.StartAsync();
        await using var client = await StreamTestClient.ConnectAsync(emu);

        await emu.SendAsync(HttpMethod.Post, "/_emulator/connections/blackhole", new { });
        var (_, push) = await emu.SendAsync(HttpMethod.Post, "/_emulator/events", new { clientId = TestEmulator.ClientId, eventType = "lost" });
        var outcome = await Record.ExceptionAsync(() => client.NextFrameAsync(_ => true, timeoutMs: 1000));

        Assert.True(push!["delivered"]!.GetValue<bool>()); // the server believes it sent it, as on a dead path
        Assert.IsAssignableFrom<OperationCanceledException>(outcome);
    }

    [Fact]
    public async Task Disconnect_WithoutMessageId_FrameLacksTheHeaderAndStillGoesAway()
    {
        await using var emu = await TestEmulator.StartAsync();
        await using var client = await StreamTestClient.ConnectAsync(emu);

        var (status, _) = await emu.SendAsync(HttpMethod.Post, "/_emulator/connections/disconnect", new { withoutMessageId = true });
        var frame = await client.NextFrameAsync();
        var raw = emu.Recorder.Frames.Single(f => f.Direction == FrameDirection.Out).Text;

        Assert.Equal(200, status);
        Assert.Equal("disconnect", StreamTestClient.Topic(frame));
        Assert.Equal(["topic", "contentType", "time"], frame["headers"]!.AsObject().Select(h => h.Key));
        Assert.DoesNotContain("messageId", raw, StringComparison.Ordinal);
        Assert.Equal(StreamConnectionState.GoAway, emu.Get<StreamHub>().Connections.Single().State);
        emu.Time.Advance(TimeSpan.FromSeconds(10));
        await client.WaitClosedAsync();
    }
}
