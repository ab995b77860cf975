using System.Text.Json.Nodes;
using DingGate.Emulator.Cards;
using DingGate.Emulator.Conversations;
using DingGate.Emulator.Fixtures;
using DingGate.Emulator.Tests.Support;

namespace DingGate.Emulator.Tests.Cards;

public sealed class CreateAndDeliverTests
{
    [Fact]
    public async Task CreateAndDeliver_GroupSpace_ReturnsOutTrackIdAndOneSuccessfulDeliverResult()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();

        var (status, body) = await emu.SendAsync(HttpMethod.Post, CardApi.CreateAndDeliver, CardApi.GroupBody("card_g1"), token);

        Assert.Equal(200, status);
        Assert.True(body!["success"]!.GetValue<bool>());
        Assert.Equal("card_g1", body["result"]!["outTrackId"]!.GetValue<string>());
        var result = Assert.Single(body["result"]!["deliverResults"]!.AsArray())!.AsObject();
        Assert.Equal(["spaceType", "spaceId", "success", "carrierId", "errorMsg"], result.Select(p => p.Key));
        Assert.Equal("IM_GROUP", result["spaceType"]!.GetValue<string>());
        Assert.Equal(CardApi.Group, result["spaceId"]!.GetValue<string>());
        Assert.True(result["success"]!.GetValue<bool>());
        Assert.False(string.IsNullOrEmpty(result["carrierId"]!.GetValue<string>()));
        Assert.Equal("", result["errorMsg"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateAndDeliver_RobotSpace_WritesCardEntryToTheUsersOneToOneConversation()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();

        var (status, body) = await emu.SendAsync(HttpMethod.Post, CardApi.CreateAndDeliver, CardApi.RobotBody("card_r1", "user002"), token);

        Assert.Equal(200, status);
        var result = body!["result"]!["deliverResults"]![0]!;
        Assert.Equal("IM_ROBOT", result["spaceType"]!.GetValue<string>());
        Assert.Equal("user002", result["spaceId"]!.GetValue<string>());
        var chatId = emu.Get<OrgDirectory>().SingleChatId(TestEmulator.ClientId, "user002");
        var entry = Assert.Single(emu.Get<ConversationLog>().For(chatId));
        Assert.True(entry.FromBot);
        Assert.Equal(("card", "card", "1"), (entry.Kind, entry.Via, entry.ConversationType));
        Assert.Equal("card_r1", entry.OutTrackId);
        Assert.Equal(result["carrierId"]!.GetValue<string>(), entry.MessageKey);
        Assert.Equal("user002", entry.UserId);
        Assert.Equal(CardTemplateRegistry.TestTemplateId, entry.Content["cardTemplateId"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateAndDeliver_GroupSpace_WritesCardEntryToTheGroupConversation()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();

        await CardApi.CreateGroupCardAsync(emu, token, "card_g2");

        var entry = Assert.Single(emu.Get<ConversationLog>().For(CardApi.Group));
        Assert.Equal(("card", "card", "2", "card_g2"), (entry.Kind, entry.Via, entry.ConversationType, entry.OutTrackId));
    }

    [Fact]
    public async Task CreateAndDeliver_LowerCaseSpaceTypeAndPrefix_AreAccepted()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();
        var request = CardApi.RobotBody("card_lc");
        request["openSpaceId"] = "DTV1.CARD//im_robot.user001";

        var (status, body) = await emu.SendAsync(HttpMethod.Post, CardApi.CreateAndDeliver, request, token);

        Assert.Equal(200, status);
        Assert.Equal("IM_ROBOT", body!["result"]!["deliverResults"]![0]!["spaceType"]!.GetValue<string>());
        Assert.True(body["result"]!["deliverResults"]![0]!["success"]!.GetValue<bool>());
    }

    [Fact]
    public async Task CreateAndDeliver_TwoSpacesOneUnknownUser_Http200WithPerSpaceFailure()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();
        var request = CardApi.GroupBody("card_two");
        request["openSpaceId"] = $"dtv1.card//IM_GROUP.{CardApi.Group};IM_ROBOT.nobody";

        var (status, body) = await emu.SendAsync(HttpMethod.Post, CardApi.CreateAndDeliver, request, token);

        Assert.Equal(200, status);
        var results = body!["result"]!["deliverResults"]!.AsArray();
        Assert.Equal(2, results.Count);
        Assert.True(results[0]!["success"]!.GetValue<bool>());
        Assert.False(results[1]!["success"]!.GetValue<bool>());
        Assert.Equal("nobody", results[1]!["spaceId"]!.GetValue<string>());
        Assert.Equal("", results[1]!["carrierId"]!.GetValue<string>());
        Assert.Contains("nobody", results[1]!["errorMsg"]!.GetValue<string>(), StringComparison.Ordinal);
        var card = await CardApi.GetCardAsync(emu, "card_two");
        Assert.Single(card["spaces"]!.AsArray());
    }

    [Fact]
    public async Task CreateAndDeliver_ExternalUserOrGroupWithoutTheBot_FailsPerSpace()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();
        emu.Get<OrgDirectory>().AddGroup("cidNoBotGroup0001==", "No bot", ["user001"]);
        var request = CardApi.GroupBody("card_fail");
        request["openSpaceId"] = "dtv1.card//IM_ROBOT.ext001;IM_GROUP.cidNoBotGroup0001==;IM_GROUP.cidUnknown==";

        var (status, body) = await emu.SendAsync(HttpMethod.Post, CardApi.CreateAndDeliver, request, token);

        Assert.Equal(200, status);
        Assert.All(body!["result"]!["deliverResults"]!.AsArray(), r => Assert.False(r!["success"]!.GetValue<bool>()));
        Assert.Empty(emu.Get<ConversationLog>().All);
    }

    [Fact]
    public async Task CreateAndDeliver_UnionIdUserIdType_ResolvesRobotSpaceByUnionId()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();
        var unionId = emu.Get<OrgDirectory>().FindUser("user003")!.UnionId;
        var request = CardApi.RobotBody("card_union", unionId);
        request["userIdType"] = 2;

        var (status, body) = await emu.SendAsync(HttpMethod.Post, CardApi.CreateAndDeliver, request, token);

        Assert.Equal(200, status);
        Assert.True(body!["result"]!["deliverResults"]![0]!["success"]!.GetValue<bool>());
    }

    [Fact]
    public async Task CreateAndDeliver_SameOutTrackIdTwice_ReturnsCardAlreadyExist()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();
        await CardApi.CreateGroupCardAsync(emu, token, "card_dup");

        var (status, body) = await emu.SendAsync(HttpMethod.Post, CardApi.CreateAndDeliver, CardApi.GroupBody("card_dup"), token);

        CardApi.AssertError(400, "param.cardAlreadyExist", status, body);
    }

    [Fact]
    public async Task CreateAndDeliver_RejectedRequest_DoesNotReserveTheOutTrackId()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();
        var bad = CardApi.GroupBody("card_retry");
        bad["openSpaceId"] = "dtv1.card//IM_GROUP";
        await emu.SendAsync(HttpMethod.Post, CardApi.CreateAndDeliver, bad, token);

        var (status, _) = await emu.SendAsync(HttpMethod.Post, CardApi.CreateAndDeliver, CardApi.GroupBody("card_retry"), token);

        Assert.Equal(200, status);
    }

    [Theory]
    [InlineData("outTrackIdEmpty", "param.outTrackIdEmpty")]
    [InlineData("templateIdEmpty", "param.cardTemplateIdEmpty")]
    [InlineData("templateUnknown", "param.templateNotExist")]
    [InlineData("cardDataMissing", "param.cardPublicDataEmpty")]
    [InlineData("numberValue", "param.invalid")]
    [InlineData("privateObjectValue", "param.invalid")]
    [InlineData("privateUnknownUser", "param.userIdNotExist")]
    [InlineData("openSpaceIdEmpty", "param.openSpaceIdEmpty")]
    [InlineData("noPrefix", "param.openSpaceIdInvalid")]
    [InlineData("noDot", "param.openSpaceIdInvalid")]
    [InlineData("unknownType", "param.openSpaceIdInvalid")]
    [InlineData("groupNoDeliverModel", "param.openDeliverModelEmpty")]
    [InlineData("groupOtherRobot", "param.openDeliverModelError")]
    [InlineData("robotOtherRobot", "param.openDeliverModelError")]
    [InlineData("spaceModelNotObject", "param.openSpaceModelInvalid")]
    public async Task CreateAndDeliver_InvalidRequest_Returns400WithCode(string scenario, string code)
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();
        var request = CardApi.GroupBody("card_bad");
        Mutate(request, scenario);

        var (status, body) = await emu.SendAsync(HttpMethod.Post, CardApi.CreateAndDeliver, request, token);

        CardApi.AssertError(400, code, status, body);
        Assert.Empty(emu.Get<CardStore>().All);
    }

    [Fact]
    public async Task CreateAndDeliver_NonStringValue_MessageNamesTheKey()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();
        var request = CardApi.GroupBody("card_num");
        Mutate(request, "numberValue");

        var (_, body) = await emu.SendAsync(HttpMethod.Post, CardApi.CreateAndDeliver, request, token);

        Assert.Contains("flowStatus", body!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAndDeliver_RequireSpaceModelsSwitchOn_MissingGroupSpaceModelIsInvalid()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();
        emu.Get<CardSwitches>().RequireSpaceModels = true;
        var request = CardApi.GroupBody("card_model");
        request.Remove("imGroupOpenSpaceModel");

        var (status, body) = await emu.SendAsync(HttpMethod.Post, CardApi.CreateAndDeliver, request, token);

        CardApi.AssertError(400, "param.openSpaceModelInvalid", status, body);
    }

    [Fact]
    public async Task CreateAndDeliver_WithoutCardInstancePermission_Returns403PermissionDenied()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.Apps[0].Permissions.Remove(AppPermissions.CardInstanceWrite));
        var token = await emu.GetTokenAsync();

        var (status, body) = await emu.SendAsync(HttpMethod.Post, CardApi.CreateAndDeliver, CardApi.GroupBody("card_perm"), token);

        CardApi.AssertError(403, "Forbidden.AccessDenied.AccessTokenPermissionDenied", status, body);
    }

    [Fact]
    public async Task CreateAndDeliver_InvalidToken_Returns400InvalidAuthentication()
    {
        await using var emu = await TestEmulator.StartAsync();

        var (status, body) = await emu.SendAsync(HttpMethod.Post, CardApi.CreateAndDeliver, CardApi.GroupBody("card_tok"), "not-a-token");

        CardApi.AssertError(400, "InvalidAuthentication", status, body);
    }

    private static void Mutate(JsonObject request, string scenario)
    {
        switch (scenario)
        {
            case "outTrackIdEmpty": request["outTrackId"] = ""; break;
            case "templateIdEmpty": request.Remove("cardTemplateId"); break;
            case "templateUnknown": request["cardTemplateId"] = "ffffffff-0000-0000-0000-000000000000.schema"; break;
            case "cardDataMissing": request.Remove("cardData"); break;
            case "numberValue": request["cardData"] = new JsonObject { ["cardParamMap"] = new JsonObject { ["flowStatus"] = 1 } }; break;
            case "privateObjectValue":
                request["privateData"] = new JsonObject { ["user001"] = new JsonObject { ["cardParamMap"] = new JsonObject { ["voted"] = new JsonObject() } } };
                break;
            case "privateUnknownUser":
                request["privateData"] = new JsonObject { ["nobody"] = new JsonObject { ["cardParamMap"] = new JsonObject { ["voted"] = "true" } } };
                break;
            case "openSpaceIdEmpty": request["openSpaceId"] = ""; break;
            case "noPrefix": request["openSpaceId"] = "IM_GROUP." + CardApi.Group; break;
            case "noDot": request["openSpaceId"] = "dtv1.card//IM_GROUP"; break;
            case "unknownType": request["openSpaceId"] = "dtv1.card//IM_FOO.x"; break;
            case "groupNoDeliverModel": request.Remove("imGroupOpenDeliverModel"); break;
            case "groupOtherRobot": request["imGroupOpenDeliverModel"] = new JsonObject { ["robotCode"] = "dingotherbot" }; break;
            case "robotOtherRobot":
                request["openSpaceId"] = "dtv1.card//IM_ROBOT.user001";
                request["imRobotOpenDeliverModel"] = new JsonObject { ["spaceType"] = "IM_ROBOT", ["robotCode"] = "dingotherbot" };
                break;
            case "spaceModelNotObject": request["imGroupOpenSpaceModel"] = "yes"; break;
            default: throw new ArgumentOutOfRangeException(nameof(scenario), scenario, null);
        }
    }
}
