using System.Text.Json.Nodes;
using DingGate.Emulator.Conversations;
using DingGate.Emulator.Tests.Support;

namespace DingGate.Emulator.Tests.Cards;

public sealed class CardCreateDeliverSplitTests
{
    [Fact]
    public async Task CreateThenDeliver_SplitPair_ReturnsStringThenFlatResultArray()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();
        var create = CardApi.GroupBody("card_split");
        create.Remove("openSpaceId");
        create.Remove("imGroupOpenDeliverModel");

        var (createStatus, createBody) = await emu.SendAsync(HttpMethod.Post, CardApi.Instances, create, token);
        var (status, body) = await emu.SendAsync(HttpMethod.Post, CardApi.Instances + "/deliver", new JsonObject
        {
            ["outTrackId"] = "card_split",
            ["openSpaceId"] = "dtv1.card//IM_ROBOT.user001",
            ["imRobotOpenDeliverModel"] = new JsonObject { ["spaceType"] = "IM_ROBOT", ["robotCode"] = TestEmulator.ClientId },
            ["userIdType"] = 1,
        }, token);

        Assert.Equal(200, createStatus);
        Assert.Equal("""{"success":true,"result":"card_split"}""", createBody!.ToJsonString());
        Assert.Equal(200, status);
        Assert.True(body!["success"]!.GetValue<bool>());
        var result = Assert.Single(body["result"]!.AsArray())!;
        Assert.Equal("IM_ROBOT", result["spaceType"]!.GetValue<string>());
        Assert.True(result["success"]!.GetValue<bool>());
        Assert.Single(emu.Get<ConversationLog>().All, e => e.OutTrackId == "card_split" && e.MessageKey == result["carrierId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Deliver_UnknownCardOrEmptyId_ReturnsCardNotExistOrOutTrackIdEmpty()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();

        var (status, body) = await emu.SendAsync(HttpMethod.Post, CardApi.Instances + "/deliver", new { outTrackId = "card_none", openSpaceId = "dtv1.card//IM_ROBOT.user001" }, token);
        var (emptyStatus, emptyBody) = await emu.SendAsync(HttpMethod.Post, CardApi.Instances + "/deliver", new { openSpaceId = "dtv1.card//IM_ROBOT.user001" }, token);

        CardApi.AssertError(400, "param.cardNotExist", status, body);
        CardApi.AssertError(400, "param.outTrackIdEmpty", emptyStatus, emptyBody);
    }

    [Fact]
    public async Task Create_SameOutTrackIdTwice_ReturnsCardAlreadyExist()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();
        await emu.SendAsync(HttpMethod.Post, CardApi.Instances, CardApi.GroupBody("card_c2"), token);

        var (status, body) = await emu.SendAsync(HttpMethod.Post, CardApi.Instances, CardApi.GroupBody("card_c2"), token);

        CardApi.AssertError(400, "param.cardAlreadyExist", status, body);
    }
}
