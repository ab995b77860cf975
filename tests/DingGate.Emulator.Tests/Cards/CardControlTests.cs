using DingGate.Emulator.Cards;
using DingGate.Emulator.Tests.Support;

namespace DingGate.Emulator.Tests.Cards;

public sealed class CardControlTests
{
    [Fact]
    public async Task ListCards_AfterCreate_ShowsTemplateStateAndSpaces()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();
        await CardApi.CreateGroupCardAsync(emu, token, "card_l");

        var (status, body) = await emu.SendAsync(HttpMethod.Get, "/_emulator/cards");

        Assert.Equal(200, status);
        var card = Assert.Single(body!.AsArray())!;
        Assert.Equal("card_l", card["outTrackId"]!.GetValue<string>());
        Assert.Equal(CardTemplateRegistry.TestTemplateId, card["templateId"]!.GetValue<string>());
        Assert.Equal("PROCESSING", card["state"]!.GetValue<string>());
        Assert.Equal(CardApi.Group, card["spaces"]![0]!["spaceId"]!.GetValue<string>());
    }

    [Fact]
    public async Task AddTemplate_ThenCreateWithIt_StreamingKeyIsEnforced()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();

        var (status, body) = await emu.SendAsync(HttpMethod.Post, "/_emulator/cards/templates",
            new { templateId = "11111111-2222-3333-4444-555555555555.schema", streamingKey = "answer", variables = new[] { "title" } });
        await CardApi.CreateGroupCardAsync(emu, token, "card_t", "11111111-2222-3333-4444-555555555555.schema");
        var (appendStatus, appendBody) = await emu.SendAsync(HttpMethod.Put, CardApi.Streaming, CardApi.Stream("card_t", "g1", "x", key: "answer", isFull: false), token);

        Assert.Equal(200, status);
        Assert.Equal("""{"templateId":"11111111-2222-3333-4444-555555555555.schema","streamingKey":"answer","variables":["answer","title"],"lifecycle":"streaming"}""", body!.ToJsonString());
        CardApi.AssertError(400, "param.stream.isFull", appendStatus, appendBody);
    }

    [Fact]
    public async Task AddTemplate_WithoutTemplateId_Returns400()
    {
        await using var emu = await TestEmulator.StartAsync();

        var (status, body) = await emu.SendAsync(HttpMethod.Post, "/_emulator/cards/templates", new { streamingKey = "x" });

        Assert.Equal(400, status);
        Assert.Contains("templateId", body!["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_PatchKnownAndUnknown_AppliesOrRejectsWithNames()
    {
        await using var emu = await TestEmulator.StartAsync();

        var (status, body) = await emu.SendAsync(HttpMethod.Patch, "/_emulator/cards/settings", new { rejectEmptyStreamingContent = false });
        var (badStatus, badBody) = await emu.SendAsync(HttpMethod.Patch, "/_emulator/cards/settings", new { nope = 1, streamingRateLimitStatus = 500 });

        Assert.Equal(200, status);
        Assert.False(body!["rejectEmptyStreamingContent"]!.GetValue<bool>());
        Assert.False(emu.Get<CardSwitches>().RejectEmptyStreamingContent);
        Assert.Equal(400, badStatus);
        Assert.Contains("nope", badBody!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("streamingRateLimitStatus", badBody["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(403, emu.Get<CardSwitches>().StreamingRateLimitStatus);
    }

    [Fact]
    public async Task ListTemplates_Default_HasPreloadedAiAndTestTemplates()
    {
        await using var emu = await TestEmulator.StartAsync();

        var (status, body) = await emu.SendAsync(HttpMethod.Get, "/_emulator/cards/templates");

        Assert.Equal(200, status);
        Assert.Equal(
            """[{"templateId":"00000000-aaaa-bbbb-cccc-000000000001.schema","streamingKey":"content","variables":["config","content","flowStatus","hasAction","stop_action"],"lifecycle":"streaming"},"""
            + """{"templateId":"382e4302-551d-4880-bf29-a30acfab2e71.schema","streamingKey":"msgContent","variables":"""
            + """["config","flowStatus","logo","msgButtons","msgContent","msgImages","msgTextList","msgTitle","staticMsgContent","sys_full_json_obj"],"lifecycle":"flowStatus"}]""",
            body!.ToJsonString());
    }

    [Fact]
    public async Task DeleteCards_ForgetsEveryCard()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();
        await CardApi.CreateGroupCardAsync(emu, token, "card_d");

        var (status, _) = await emu.SendAsync(HttpMethod.Delete, "/_emulator/cards");

        Assert.Equal(204, status);
        Assert.Empty(emu.Get<CardStore>().All);
    }

    [Fact]
    public async Task GetCard_Unknown_Returns404()
    {
        await using var emu = await TestEmulator.StartAsync();

        var (status, _) = await emu.SendAsync(HttpMethod.Get, "/_emulator/cards/card_missing");

        Assert.Equal(404, status);
    }
}
