using System.Text.Json.Nodes;
using DingGate.Emulator.Http;
using DingGate.Emulator.Stream;
using DingGate.Emulator.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DingGate.Emulator.Tests.Cards;

public sealed class CardClickTests
{
    private const string AcceptResponse =
        """{"response":{"cardUpdateOptions":{"updateCardDataByKey":true,"updatePrivateDataByKey":true},"cardData":{"cardParamMap":{"status":"已同意"}},"userPrivateData":{"cardParamMap":{"myChoice":"accept"}}}}""";

    [Fact]
    public async Task Click_StreamCardAcked_PushesSpecPayloadAndAppliesResponse()
    {
        var pusher = new FakeStreamPusher { NextAck = FakeStreamPusher.AckWith(AcceptResponse) };
        await using var emu = await StartAsync(pusher);
        var token = await emu.GetTokenAsync();
        await CardApi.CreateGroupCardAsync(emu, token, "card_click");

        var (status, body) = await emu.SendAsync(HttpMethod.Post, "/_emulator/cards/card_click/click",
            new { userId = "user001", actionIds = new[] { "btn_accept" }, @params = new { action = "accept" } });

        Assert.Equal(200, status);
        Assert.Equal("fake_msg_1", body!["messageId"]!.GetValue<string>());
        Assert.True(body["acked"]!.GetValue<bool>());
        Assert.True(body["applied"]!.GetValue<bool>());
        var (clientId, request) = Assert.Single(pusher.Pushes);
        Assert.Equal(TestEmulator.ClientId, clientId);
        Assert.Equal((StreamPushKind.CardCallback, "/v1.0/card/instances/callback"), (request.Kind, request.Topic));
        var expected = new JsonObject
        {
            ["type"] = "actionCallback", ["outTrackId"] = "card_click", ["corpId"] = "dingcorpemulator001", ["userId"] = "user001",
            ["userIdType"] = 1, ["spaceType"] = "IM_GROUP", ["spaceId"] = CardApi.Group, ["extension"] = "{}",
            ["content"] = """{"cardPrivateData":{"actionIds":["btn_accept"],"params":{"action":"accept"}}}""",
        };
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(request.Data)), request.Data);
        var card = await CardApi.GetCardAsync(emu, "card_click");
        Assert.Equal("""{"content":"","flowStatus":"1","status":"已同意"}""", card["publicData"]!.ToJsonString(EmulatorJson.Options));
        Assert.Equal("""{"myChoice":"accept"}""", card["privateData"]!["user001"]!.ToJsonString());
        Assert.Equal("callback", card["history"]!.AsArray().Last()!["source"]!.GetValue<string>());
    }

    [Fact]
    public async Task Click_ResponseWithoutOptions_OverwritesPublicData()
    {
        var pusher = new FakeStreamPusher { NextAck = FakeStreamPusher.AckWith("""{"response":{"cardData":{"cardParamMap":{"status":"done"}}}}""") };
        await using var emu = await StartAsync(pusher);
        var token = await emu.GetTokenAsync();
        await CardApi.CreateGroupCardAsync(emu, token, "card_ow");

        var (_, body) = await emu.SendAsync(HttpMethod.Post, "/_emulator/cards/card_ow/click", new { userId = "user002" });

        Assert.True(body!["applied"]!.GetValue<bool>());
        Assert.Equal("""{"status":"done"}""", (await CardApi.GetCardAsync(emu, "card_ow"))["publicData"]!.ToJsonString());
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("""{"response":{}}""", true)]
    [InlineData("""{"response":null}""", true)]
    public async Task Click_NoAckOrEmptyResponse_LeavesCardUnchanged(string? ackData, bool acked)
    {
        var pusher = new FakeStreamPusher { NextAck = ackData is null ? null : FakeStreamPusher.AckWith(ackData) };
        await using var emu = await StartAsync(pusher);
        var token = await emu.GetTokenAsync();
        await CardApi.CreateGroupCardAsync(emu, token, "card_none");

        var (status, body) = await emu.SendAsync(HttpMethod.Post, "/_emulator/cards/card_none/click", new { userId = "user001", actionIds = new[] { "b" } });

        Assert.Equal(200, status);
        Assert.Equal(acked, body!["acked"]!.GetValue<bool>());
        Assert.False(body["applied"]!.GetValue<bool>());
        var card = await CardApi.GetCardAsync(emu, "card_none");
        Assert.Equal("""{"content":"","flowStatus":"1"}""", card["publicData"]!.ToJsonString());
        Assert.Equal("{}", card["privateData"]!.ToJsonString());
    }

    [Fact]
    public async Task Click_RobotCard_UsesTheUsersRobotSpace()
    {
        var pusher = new FakeStreamPusher();
        await using var emu = await StartAsync(pusher);
        var token = await emu.GetTokenAsync();
        await emu.SendAsync(HttpMethod.Post, CardApi.CreateAndDeliver, CardApi.RobotBody("card_rb", "user003"), token);

        await emu.SendAsync(HttpMethod.Post, "/_emulator/cards/card_rb/click", new { userId = "user003" });

        var payload = JsonNode.Parse(Assert.Single(pusher.Pushes).Request.Data)!;
        Assert.Equal(("IM_ROBOT", "user003"), (payload["spaceType"]!.GetValue<string>(), payload["spaceId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Click_CardWithoutStreamCallbackType_Returns400()
    {
        var pusher = new FakeStreamPusher();
        await using var emu = await StartAsync(pusher);
        var token = await emu.GetTokenAsync();
        var request = CardApi.GroupBody("card_http");
        request["callbackType"] = "HTTP";
        await emu.SendAsync(HttpMethod.Post, CardApi.CreateAndDeliver, request, token);

        var (status, body) = await emu.SendAsync(HttpMethod.Post, "/_emulator/cards/card_http/click", new { userId = "user001" });

        Assert.Equal(400, status);
        Assert.Contains("STREAM", body!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(pusher.Pushes);
    }

    [Fact]
    public async Task Click_UnknownCardOrUser_Returns404Or400()
    {
        await using var emu = await StartAsync(new FakeStreamPusher());
        var token = await emu.GetTokenAsync();
        await CardApi.CreateGroupCardAsync(emu, token, "card_k");

        var (unknownCard, _) = await emu.SendAsync(HttpMethod.Post, "/_emulator/cards/card_missing/click", new { userId = "user001" });
        var (unknownUser, _) = await emu.SendAsync(HttpMethod.Post, "/_emulator/cards/card_k/click", new { userId = "nobody" });

        Assert.Equal((404, 400), (unknownCard, unknownUser));
    }

    [Fact]
    public async Task Click_OverRealStream_ClientAckResponseIsApplied()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();
        await CardApi.CreateGroupCardAsync(emu, token, "card_live");
        await using var client = await StreamTestClient.ConnectAsync(emu);

        var click = emu.SendAsync(HttpMethod.Post, "/_emulator/cards/card_live/click", new { userId = "user001", actionIds = new[] { "btn_accept" } });
        var frame = await client.NextFrameAsync(f => StreamTestClient.Topic(f) == "/v1.0/card/instances/callback");
        await client.AckAsync(frame, data: AcceptResponse);
        var (status, body) = await click;

        Assert.Equal(200, status);
        Assert.Equal(StreamTestClient.MessageId(frame), body!["messageId"]!.GetValue<string>());
        Assert.True(body["applied"]!.GetValue<bool>());
        var data = JsonNode.Parse(frame["data"]!.GetValue<string>())!;
        Assert.Equal("actionCallback", data["type"]!.GetValue<string>());
        Assert.Equal("card_live", data["outTrackId"]!.GetValue<string>());
        Assert.Equal("已同意", body["state"]!["publicData"]!["status"]!.GetValue<string>());
        Assert.Equal("accept", body["state"]!["privateData"]!["user001"]!["myChoice"]!.GetValue<string>());
    }

    [Fact]
    public async Task Click_OverRealStream_NoAckWithinTwoSeconds_ChangesNothing()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();
        await CardApi.CreateGroupCardAsync(emu, token, "card_silent");
        await using var client = await StreamTestClient.ConnectAsync(emu);

        var click = emu.SendAsync(HttpMethod.Post, "/_emulator/cards/card_silent/click", new { userId = "user001", actionIds = new[] { "btn" } });
        await client.NextFrameAsync(f => StreamTestClient.Topic(f) == "/v1.0/card/instances/callback");
        emu.Time.Advance(TimeSpan.FromSeconds(2));
        var (status, body) = await click;

        Assert.Equal(200, status);
        Assert.False(body!["acked"]!.GetValue<bool>());
        Assert.False(body["applied"]!.GetValue<bool>());
        Assert.Null(body["state"]!["publicData"]!["status"]);
    }

    private static Task<TestEmulator> StartAsync(FakeStreamPusher pusher) =>
        TestEmulator.StartAsync(configureServices: s => s.AddSingleton<IStreamPusher>(pusher));
}
