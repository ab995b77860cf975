using System.Text.Json.Nodes;
using DingGate.Emulator.Tests.Support;

namespace DingGate.Emulator.Tests.Cards;

public sealed class CardInstanceUpdateTests
{
    [Fact]
    public async Task UpdateInstance_WithoutOptions_OverwritesPublicAndGivenUsersPrivateData()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();
        await CreateWithPrivateDataAsync(emu, token, "card_ow");

        var (status, body) = await emu.SendAsync(HttpMethod.Put, CardApi.Instances, new JsonObject
        {
            ["outTrackId"] = "card_ow",
            ["cardData"] = new JsonObject { ["cardParamMap"] = new JsonObject { ["content"] = "new" } },
            ["privateData"] = new JsonObject { ["user001"] = new JsonObject { ["cardParamMap"] = new JsonObject { ["b"] = "2" } } },
        }, token);

        Assert.Equal(200, status);
        Assert.Equal("""{"success":true,"result":true}""", body!.ToJsonString());
        var card = await CardApi.GetCardAsync(emu, "card_ow");
        Assert.Equal("""{"content":"new"}""", card["publicData"]!.ToJsonString());
        Assert.Equal("""{"b":"2"}""", card["privateData"]!["user001"]!.ToJsonString());
        Assert.Equal("""{"a":"1"}""", card["privateData"]!["user002"]!.ToJsonString());
    }

    [Fact]
    public async Task UpdateInstance_ByKeyOptions_MergesOnlyGivenKeys()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();
        await CreateWithPrivateDataAsync(emu, token, "card_mk");

        var (status, _) = await emu.SendAsync(HttpMethod.Put, CardApi.Instances, new JsonObject
        {
            ["outTrackId"] = "card_mk",
            ["cardData"] = new JsonObject { ["cardParamMap"] = new JsonObject { ["content"] = "new" } },
            ["privateData"] = new JsonObject { ["user001"] = new JsonObject { ["cardParamMap"] = new JsonObject { ["b"] = "2" } } },
            ["cardUpdateOptions"] = new JsonObject { ["updateCardDataByKey"] = true, ["updatePrivateDataByKey"] = true },
        }, token);

        Assert.Equal(200, status);
        var card = await CardApi.GetCardAsync(emu, "card_mk");
        Assert.Equal("""{"content":"new","flowStatus":"1"}""", card["publicData"]!.ToJsonString());
        Assert.Equal("""{"a":"1","b":"2"}""", card["privateData"]!["user001"]!.ToJsonString());
    }

    [Theory]
    [InlineData("2", "INPUTING")]
    [InlineData("3", "FINISHED")]
    [InlineData("4", "EXECUTING")]
    [InlineData("5", "FAILED")]
    public async Task UpdateInstance_FlowStatusChange_MovesState(string flowStatus, string state)
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();
        await CardApi.CreateGroupCardAsync(emu, token, "card_fs");

        await emu.SendAsync(HttpMethod.Put, CardApi.Instances, new JsonObject
        {
            ["outTrackId"] = "card_fs",
            ["cardData"] = new JsonObject { ["cardParamMap"] = new JsonObject { ["flowStatus"] = flowStatus } },
            ["cardUpdateOptions"] = new JsonObject { ["updateCardDataByKey"] = true },
        }, token);

        Assert.Equal(state, (await CardApi.GetCardAsync(emu, "card_fs"))["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task UpdateInstance_AfterStreamingFinalize_IsStillAccepted()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();
        await CardApi.CreateGroupCardAsync(emu, token, "card_after");
        await emu.SendAsync(HttpMethod.Put, CardApi.Streaming, CardApi.Stream("card_after", "g1", "done", isFinalize: true), token);

        var (status, _) = await emu.SendAsync(HttpMethod.Put, CardApi.Instances, new JsonObject
        {
            ["outTrackId"] = "card_after",
            ["cardData"] = new JsonObject { ["cardParamMap"] = new JsonObject { ["flowStatus"] = "3", ["content"] = "done" } },
        }, token);

        Assert.Equal(200, status);
        Assert.Equal("FINISHED", (await CardApi.GetCardAsync(emu, "card_after"))["state"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("outTrackIdEmpty", "param.outTrackIdEmpty")]
    [InlineData("unknownCard", "param.cardNotExist")]
    [InlineData("bothEmpty", "param.cardDataAndPrivateDataBothEmpty")]
    [InlineData("emptyMaps", "param.cardDataAndPrivateDataBothEmpty")]
    [InlineData("numberValue", "param.invalid")]
    [InlineData("unknownUser", "param.userIdNotExist")]
    public async Task UpdateInstance_InvalidRequest_Returns400WithCode(string scenario, string code)
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();
        await CardApi.CreateGroupCardAsync(emu, token, "card_u");
        var request = new JsonObject { ["outTrackId"] = "card_u", ["cardData"] = new JsonObject { ["cardParamMap"] = new JsonObject { ["content"] = "x" } } };
        switch (scenario)
        {
            case "outTrackIdEmpty": request["outTrackId"] = ""; break;
            case "unknownCard": request["outTrackId"] = "card_nope"; break;
            case "bothEmpty": request.Remove("cardData"); break;
            case "emptyMaps": request["cardData"] = new JsonObject { ["cardParamMap"] = new JsonObject() }; request["privateData"] = new JsonObject(); break;
            case "numberValue": request["cardData"] = new JsonObject { ["cardParamMap"] = new JsonObject { ["flowStatus"] = 3 } }; break;
            case "unknownUser": request["privateData"] = new JsonObject { ["nobody"] = new JsonObject { ["cardParamMap"] = new JsonObject { ["a"] = "1" } } }; break;
        }

        var (status, body) = await emu.SendAsync(HttpMethod.Put, CardApi.Instances, request, token);

        CardApi.AssertError(400, code, status, body);
    }

    [Fact]
    public async Task UpdateInstance_WithoutPermission_Returns403PermissionDenied()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.Apps[0].Permissions.Remove(AppPermissions.CardInstanceWrite));
        var token = await emu.GetTokenAsync();

        var (status, body) = await emu.SendAsync(HttpMethod.Put, CardApi.Instances, new { outTrackId = "card_x" }, token);

        CardApi.AssertError(403, "Forbidden.AccessDenied.AccessTokenPermissionDenied", status, body);
    }

    private static async Task CreateWithPrivateDataAsync(TestEmulator emu, string token, string outTrackId)
    {
        var request = CardApi.GroupBody(outTrackId);
        request["privateData"] = new JsonObject
        {
            ["user001"] = new JsonObject { ["cardParamMap"] = new JsonObject { ["a"] = "1" } },
            ["user002"] = new JsonObject { ["cardParamMap"] = new JsonObject { ["a"] = "1" } },
        };
        var (status, _) = await emu.SendAsync(HttpMethod.Post, CardApi.CreateAndDeliver, request, token);
        Assert.Equal(200, status);
    }
}
