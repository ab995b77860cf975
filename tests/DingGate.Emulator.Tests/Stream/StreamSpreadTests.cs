using System.Text.Json.Nodes;
using DingGate.Emulator.Recording;
using DingGate.Emulator.Stream;
using DingGate.Emulator.Tests.Support;

namespace DingGate.Emulator.Tests.Stream;

/// <summary>
/// Several connections of one app (several gateway replicas): how pushes are spread over them, that a redelivery goes
/// to another connection, and that the kill route takes exactly one away. Judged on the recorded outgoing frames.
/// </summary>
public sealed class StreamSpreadTests
{
    private const string BotTopic = "/v1.0/im/bot/messages/get";

    [Fact]
    public async Task RoundRobin_ThreeConnections_SpreadsPushesEvenly()
    {
        await using var emu = await StartAsync(o => o.StreamSpread = StreamSpread.RoundRobin);
        await using var a = await StreamTestClient.ConnectAsync(emu);
        await using var b = await StreamTestClient.ConnectAsync(emu);
        await using var c = await StreamTestClient.ConnectAsync(emu);

        var handles = Enumerable.Range(0, 30).Select(_ => Push(emu)).ToList();
        await WaitPushFramesAsync(emu, handles.Count);

        var perConnection = PushFramesByConnection(emu, handles);
        Assert.Equal(new[] { a.ConnectionId, b.ConnectionId, c.ConnectionId }.Order(), perConnection.Keys.Order());
        Assert.All(perConnection.Values, count => Assert.Equal(10, count));
        Assert.Equal(
            Enumerable.Range(0, 30).Select(i => new[] { a.ConnectionId, b.ConnectionId, c.ConnectionId }[i % 3]),
            handles.Select(h => h.ConnectionId));
    }

    [Fact]
    public async Task Random_ThreeConnections_ReachesEveryConnection()
    {
        await using var emu = await StartAsync();
        await using var a = await StreamTestClient.ConnectAsync(emu);
        await using var b = await StreamTestClient.ConnectAsync(emu);
        await using var c = await StreamTestClient.ConnectAsync(emu);

        var handles = Enumerable.Range(0, 60).Select(_ => Push(emu)).ToList();
        await WaitPushFramesAsync(emu, handles.Count);

        var perConnection = PushFramesByConnection(emu, handles);
        Assert.Equal(new[] { a.ConnectionId, b.ConnectionId, c.ConnectionId }.Order(), perConnection.Keys.Order());
        Assert.Equal(60, perConnection.Values.Sum());
    }

    [Fact]
    public async Task Setting_StreamSpread_IsListedAndPatchable()
    {
        await using var emu = await StartAsync();

        var (_, before) = await emu.SendAsync(HttpMethod.Get, "/_emulator/settings");
        var (status, _) = await emu.SendAsync(HttpMethod.Patch, "/_emulator/settings", new { streamSpread = "roundRobin" });
        var (bad, error) = await emu.SendAsync(HttpMethod.Patch, "/_emulator/settings", new { streamSpread = "sticky" });
        var (_, after) = await emu.SendAsync(HttpMethod.Get, "/_emulator/settings");

        Assert.Equal("random", before!["streamSpread"]!.GetValue<string>());
        Assert.Equal(200, status);
        Assert.Equal(400, bad);
        Assert.Contains("roundRobin", error!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("roundRobin", after!["streamSpread"]!.GetValue<string>());
        Assert.Equal(StreamSpread.RoundRobin, emu.Get<EmulatorOptions>().StreamSpread);
    }

    [Theory]
    [InlineData(StreamSpread.Random)]
    [InlineData(StreamSpread.RoundRobin)]
    public async Task Redelivery_UnAckedPush_GoesToAnotherConnection(StreamSpread spread)
    {
        await using var emu = await StartAsync(o => o.StreamSpread = spread);
        await using var a = await StreamTestClient.ConnectAsync(emu);
        await using var b = await StreamTestClient.ConnectAsync(emu);

        var handles = Enumerable.Range(0, 8).Select(_ => Push(emu)).ToList();
        await WaitPushFramesAsync(emu, handles.Count);
        emu.Time.Advance(TimeSpan.FromSeconds(60));
        await WaitPushFramesAsync(emu, handles.Count * 2);

        foreach (var handle in handles)
        {
            var sentTo = PushFrames(emu, [handle]).Select(f => f.ConnectionId).ToList();
            Assert.Equal(2, sentTo.Count);
            Assert.NotEqual(sentTo[0], sentTo[1]);
            Assert.Equal(sentTo, emu.Get<StreamHub>().Pushes.Single(p => p.MessageId == handle.MessageId).ConnectionIds);
        }
    }

    [Fact]
    public async Task Redelivery_OnlyConnectionLeft_IsThatConnectionAgain()
    {
        await using var emu = await StartAsync();
        await using var only = await StreamTestClient.ConnectAsync(emu);

        var handle = Push(emu);
        await WaitPushFramesAsync(emu, 1);
        emu.Time.Advance(TimeSpan.FromSeconds(60));
        await WaitPushFramesAsync(emu, 2);

        Assert.All(PushFrames(emu, [handle]), f => Assert.Equal(only.ConnectionId, f.ConnectionId));
    }

    [Fact]
    public async Task Kill_ByConnectionId_ClosesThatOneAndPushesGoToTheOthers()
    {
        await using var emu = await StartAsync(o => o.StreamSpread = StreamSpread.RoundRobin);
        await using var a = await StreamTestClient.ConnectAsync(emu);
        await using var killed = await StreamTestClient.ConnectAsync(emu);
        await using var c = await StreamTestClient.ConnectAsync(emu);

        var (status, body) = await emu.SendAsync(HttpMethod.Post, "/_emulator/connections/kill", new { connectionId = killed.ConnectionId });
        await killed.WaitClosedAsync();
        var handles = Enumerable.Range(0, 12).Select(_ => Push(emu)).ToList();
        await WaitPushFramesAsync(emu, handles.Count);

        Assert.Equal(200, status);
        Assert.Equal(killed.ConnectionId, body!["killed"]!.GetValue<string>());
        Assert.Null(killed.CloseStatus);
        Assert.False(a.Closed);
        Assert.False(c.Closed);
        var perConnection = PushFramesByConnection(emu, handles);
        Assert.Equal(new[] { a.ConnectionId, c.ConnectionId }.Order(), perConnection.Keys.Order());
        Assert.All(perConnection.Values, count => Assert.Equal(6, count));
        var states = emu.Get<StreamHub>().Connections.ToDictionary(x => x.Id, x => x.State);
        Assert.Equal(StreamConnectionState.Closed, states[killed.ConnectionId]);
        Assert.Equal(2, states.Values.Count(s => s == StreamConnectionState.Active));
    }

    [Fact]
    public async Task Kill_ByClientId_ClosesExactlyOneConnection()
    {
        await using var emu = await StartAsync();
        await using var first = await StreamTestClient.ConnectAsync(emu);
        await using var second = await StreamTestClient.ConnectAsync(emu);

        var (status, body) = await emu.SendAsync(HttpMethod.Post, "/_emulator/connections/kill", new { clientId = TestEmulator.ClientId });
        await first.WaitClosedAsync();
        var (again, secondBody) = await emu.SendAsync(HttpMethod.Post, "/_emulator/connections/kill", new { clientId = TestEmulator.ClientId });
        await second.WaitClosedAsync();
        var (none, _) = await emu.SendAsync(HttpMethod.Post, "/_emulator/connections/kill", new { clientId = TestEmulator.ClientId });
        var (empty, _) = await emu.SendAsync(HttpMethod.Post, "/_emulator/connections/kill", new { });

        Assert.Equal(200, status);
        Assert.Equal(first.ConnectionId, body!["killed"]!.GetValue<string>());
        Assert.Equal(200, again);
        Assert.Equal(second.ConnectionId, secondBody!["killed"]!.GetValue<string>());
        Assert.Equal(404, none);
        Assert.Equal(400, empty);
    }

    [Fact]
    public async Task Kill_UnAckedPushOnKilledConnection_IsRedeliveredToASurvivor()
    {
        await using var emu = await StartAsync(o => o.StreamSpread = StreamSpread.RoundRobin);
        await using var victim = await StreamTestClient.ConnectAsync(emu);
        await using var survivor = await StreamTestClient.ConnectAsync(emu);

        var handle = Push(emu);
        await WaitPushFramesAsync(emu, 1);
        await emu.SendAsync(HttpMethod.Post, "/_emulator/connections/kill", new { connectionId = victim.ConnectionId });
        await victim.WaitClosedAsync();
        emu.Time.Advance(TimeSpan.FromSeconds(60));
        var redelivered = await survivor.NextFrameAsync(f => StreamTestClient.MessageId(f) == handle.MessageId);
        await survivor.AckAsync(redelivered);
        var ack = await handle.Ack.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.NotNull(ack);
        Assert.Equal([victim.ConnectionId, survivor.ConnectionId], PushFrames(emu, [handle]).Select(f => f.ConnectionId));
    }

    private static Task<TestEmulator> StartAsync(Action<EmulatorOptions>? configure = null) => TestEmulator.StartAsync(o =>
    {
        o.PingInterval = TimeSpan.Zero;
        o.Seed = 17;
        configure?.Invoke(o);
    });

    private static PushHandle Push(TestEmulator emu) =>
        emu.Get<IStreamPusher>().Push(TestEmulator.ClientId, new StreamPushRequest(StreamPushKind.BotMessage, BotTopic, "{\"n\":1}"));

    private static Task WaitPushFramesAsync(TestEmulator emu, int count) =>
        Eventually.TrueAsync(() => emu.Recorder.Frames.Count(IsPushFrame) >= count, $"{count} push frame(s) written");

    private static bool IsPushFrame(RecordedFrame frame) =>
        frame.Direction == FrameDirection.Out && JsonNode.Parse(frame.Text)?["type"]?.GetValue<string>() == "CALLBACK";

    private static List<RecordedFrame> PushFrames(TestEmulator emu, IReadOnlyCollection<PushHandle> handles)
    {
        var ids = handles.Select(h => h.MessageId).ToHashSet(StringComparer.Ordinal);
        return emu.Recorder.Frames
            .Where(IsPushFrame)
            .Where(f => ids.Contains(JsonNode.Parse(f.Text)!["headers"]!["messageId"]!.GetValue<string>()))
            .OrderBy(f => f.Sequence)
            .ToList();
    }

    private static Dictionary<string, int> PushFramesByConnection(TestEmulator emu, IReadOnlyCollection<PushHandle> handles) =>
        PushFrames(emu, handles).GroupBy(f => f.ConnectionId).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
}
