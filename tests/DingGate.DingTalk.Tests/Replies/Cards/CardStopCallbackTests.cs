using System.Text.Json.Nodes;
using DingGate.DingTalk.Replies.Cards;
using DingGate.DingTalk.Stream;
using DingGate.DingTalk.Tests.Support;

namespace DingGate.DingTalk.Tests.Replies.Cards;

// The stop button end to end: the emulator pushes the §6.5 callback to the real channel (DI, SQLite, StreamClient), which
// answers it in the ACK and cancels the reply registered for that card in the account's ActiveCardRegistry.
public sealed class CardStopCallbackTests : IAsyncLifetime
{
    private const string CardTopic = "/v1.0/card/instances/callback";

    private readonly TempDirectory _state = new();
    private DingTalkTestEmulator _emu = null!;
    private ChannelHarness _channel = null!;

    private ActiveCardRegistry Cards => _channel.Channel.Runtimes.Single().Cards;

    public async Task InitializeAsync()
    {
        _emu = await DingTalkTestEmulator.StartAsync(o => o.PingInterval = TimeSpan.Zero);
        _channel = await ChannelHarness.StartAsync(_emu, _state.Path);
    }

    public async Task DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _emu.DisposeAsync();
        _state.Dispose();
    }

    [Fact]
    public async Task Click_StopByTheAskingUser_CancelsTheReplyAndAcksNoChange()
    {
        using var stop = new CancellationTokenSource();
        using var registration = Cards.Register("card_stop", "user001", stop);
        await CreateCardAsync("card_stop");

        var answer = await ClickAsync("card_stop", "user001");

        Assert.True(answer["acked"]!.GetValue<bool>());
        Assert.Equal(200, answer["ackCode"]!.GetValue<int>());
        Assert.False(answer["applied"]!.GetValue<bool>());
        Assert.True(stop.IsCancellationRequested);
        Assert.Equal("{\"response\":{}}", await AckDataAsync(answer["messageId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Click_StopByAnotherUser_NotCancelled()
    {
        using var stop = new CancellationTokenSource();
        using var registration = Cards.Register("card_mine", "user001", stop);
        await CreateCardAsync("card_mine");

        var answer = await ClickAsync("card_mine", "user002");

        Assert.True(answer["acked"]!.GetValue<bool>());
        Assert.Equal(200, answer["ackCode"]!.GetValue<int>());
        Assert.False(stop.IsCancellationRequested);
        Assert.Equal(CardStopResult.Stopped, Cards.TryStop("card_mine", "user001")); // still registered, still stoppable
    }

    [Fact]
    public async Task Click_OtherButtonByOwner_NotCancelled()
    {
        using var stop = new CancellationTokenSource();
        using var registration = Cards.Register("card_like", "user001", stop);
        await CreateCardAsync("card_like");

        var answer = await ClickAsync("card_like", "user001", actionIds: ["btn_like"], action: "like");

        Assert.Equal(200, answer["ackCode"]!.GetValue<int>());
        Assert.False(stop.IsCancellationRequested);
    }

    [Fact]
    public async Task Click_CardNoLongerStreaming_AckedWithoutEffect()
    {
        using var stop = new CancellationTokenSource();
        Cards.Register("card_gone", "user001", stop).Dispose();
        await CreateCardAsync("card_gone");

        var answer = await ClickAsync("card_gone", "user001");

        Assert.Equal(200, answer["ackCode"]!.GetValue<int>());
        Assert.False(stop.IsCancellationRequested);
    }

    [Fact]
    public async Task Push_GarbageCardCallback_AckedWithEmptyResponseAndConnectionLivesOn()
    {
        var connection = (await _emu.ConnectionsAsync()).Single(c => c!["state"]!.GetValue<string>() == "active")!["id"]!.GetValue<string>();
        var junk = new JsonObject[]
        {
            new() { ["outTrackId"] = 42, ["userId"] = new JsonArray("x"), ["content"] = "{not json", ["type"] = null },
            new() { ["content"] = new JsonObject { ["cardPrivateData"] = "oops" }, ["outTrackId"] = new JsonObject() },
            new() { ["content"] = "{\"cardPrivateData\":{\"actionIds\":\"stop\",\"params\":[1,2]}}" },
        };
        var ids = new List<string>();
        foreach (var data in junk)
        {
            var pushed = await _emu.ControlAsync(HttpMethod.Post, "/_emulator/stream/push", new
            {
                clientId = DingTalkTestEmulator.ClientId, type = "CALLBACK", topic = CardTopic, data,
            });
            ids.Add(pushed!["messageId"]!.GetValue<string>());
        }

        foreach (var id in ids)
        {
            Assert.Equal("{\"response\":{}}", await AckDataAsync(id));
        }

        // Same connection, still serving: a real stop click afterwards works.
        using var stop = new CancellationTokenSource();
        using var registration = Cards.Register("card_after", "user001", stop);
        await CreateCardAsync("card_after");
        Assert.Equal(200, (await ClickAsync("card_after", "user001"))["ackCode"]!.GetValue<int>());
        Assert.True(stop.IsCancellationRequested);
        Assert.Equal(StreamConnectionState.Connected, _channel.Channel.Statuses.Single().State);
        Assert.Equal(connection, (await _emu.ConnectionsAsync()).Single(c => c!["state"]!.GetValue<string>() == "active")!["id"]!.GetValue<string>());
    }

    private async Task CreateCardAsync(string outTrackId)
    {
        var cards = new AiCardClient(_emu.Account(), _emu.CreateClient());
        await cards.CreateAndDeliverAsync(new CardTarget(false, "user001", null, null), outTrackId, new Dictionary<string, string>(), null, CancellationToken.None);
        var card = await _emu.ControlAsync(HttpMethod.Get, "/_emulator/cards/" + outTrackId);
        Assert.Equal("STREAM", card!["callbackType"]!.GetValue<string>());
    }

    private async Task<JsonNode> ClickAsync(string outTrackId, string userId, string[]? actionIds = null, string action = "stop") =>
        (await _emu.ControlAsync(HttpMethod.Post, $"/_emulator/cards/{outTrackId}/click", new
        {
            userId, actionIds = actionIds ?? ["btn_stop"], @params = new { action },
        }))!;

    private async Task<string> AckDataAsync(string messageId)
    {
        JsonNode? push = null;
        await TestWait.UntilAsync(
            async () => (push = (await _emu.PushesAsync()).FirstOrDefault(p => p!["messageId"]!.GetValue<string>() == messageId))?["state"]?.GetValue<string>() == "acked",
            "push " + messageId + " acked", TestWait.StreamTimeout);
        Assert.Equal(200, push!["ack"]!["code"]!.GetValue<int>());
        return push["ack"]!["data"]!.GetValue<string>();
    }
}
