using System.Text.Json.Nodes;
using DingGate.Emulator.Cards;
using DingGate.Emulator.Tests.Support;

namespace DingGate.Emulator.Tests.Cards;

// The built-in AI card 382e4302 is driven by flowStatus (SDK-py AIMarkdownCardInstance, DingTalk's connector):
// streaming changes what it says, only PUT /v1.0/card/instances flowStatus "3"/"5" ends its loading animation.
public sealed class CardFlowStatusLifecycleTests
{
    private const string BuiltIn = CardTemplateRegistry.DefaultAiCardTemplateId;

    [Fact]
    public async Task BuiltInTemplate_FinalizedByStreamingOnly_StaysSpinningUntilFlowStatus3()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();
        await CreateBuiltInAsync(emu, token, "card_bi");

        await StreamAsync(emu, token, "card_bi", "g1", "Hello");
        await StreamAsync(emu, token, "card_bi", "g2", "Hello world", isFinalize: true);
        var spinning = await CardApi.GetCardAsync(emu, "card_bi");
        var summary = (await emu.SendAsync(HttpMethod.Get, "/_emulator/cards")).Body!.AsArray().Single(c => (string?)c!["outTrackId"] == "card_bi")!;
        await UpdateAsync(emu, token, "card_bi", new JsonObject { ["flowStatus"] = "3", ["msgContent"] = "Hello world" });
        var finished = await CardApi.GetCardAsync(emu, "card_bi");

        Assert.Equal(("PROCESSING", true, true, "flowStatus", "1"),
            ((string?)spinning["state"], (bool)spinning["finalized"]!, (bool)spinning["spinning"]!, (string?)spinning["lifecycle"], (string?)spinning["flowStatus"]));
        Assert.Equal("Hello world", (string?)spinning["streamingContent"]!["msgContent"]);
        Assert.True((bool)summary["spinning"]!);
        Assert.Equal(("FINISHED", false, "3"), ((string?)finished["state"], (bool)finished["spinning"]!, (string?)finished["flowStatus"]));
        var history = finished["history"]!.AsArray();
        Assert.Equal(["create", "streaming", "streaming", "instances"], history.Select(h => (string?)h!["source"]));
        Assert.Equal(["PROCESSING", "PROCESSING", "PROCESSING", "FINISHED"], history.Select(h => (string?)h!["state"]));
    }

    [Fact]
    public async Task BuiltInTemplate_Inputing2ThenIsErrorThenFlowStatus5_StateFollowsFlowStatusOnly()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();
        await CreateBuiltInAsync(emu, token, "card_fail");

        await UpdateAsync(emu, token, "card_fail", new JsonObject { ["flowStatus"] = "2", ["msgContent"] = "" });
        await StreamAsync(emu, token, "card_fail", "g1", "Half", isError: true);
        var afterError = await CardApi.GetCardAsync(emu, "card_fail");
        await UpdateAsync(emu, token, "card_fail", new JsonObject { ["flowStatus"] = "5", ["msgContent"] = "Half\n\n> failed" });
        var failed = await CardApi.GetCardAsync(emu, "card_fail");

        Assert.Equal(("INPUTING", true), ((string?)afterError["state"], (bool)afterError["spinning"]!));
        Assert.Equal(("FAILED", false), ((string?)failed["state"], (bool)failed["spinning"]!));
        Assert.Equal("Half\n\n> failed", (string?)failed["publicData"]!["msgContent"]);
    }

    [Fact]
    public async Task BuiltInTemplate_StreamingAfterIsFinalizeButBeforeFlowStatus3_AcceptedAfterFinishedRefused()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();
        await CreateBuiltInAsync(emu, token, "card_late");
        await StreamAsync(emu, token, "card_late", "g1", "Answer", isFinalize: true);

        var (stillOpen, _) = await emu.SendAsync(HttpMethod.Put, CardApi.Streaming, CardApi.Stream("card_late", "g2", "Answer, again", key: "msgContent", isFinalize: true), token);
        await UpdateAsync(emu, token, "card_late", new JsonObject { ["flowStatus"] = "3" });
        var (closedStatus, closedBody) = await emu.SendAsync(HttpMethod.Put, CardApi.Streaming, CardApi.Stream("card_late", "g3", "more", key: "msgContent"), token);

        Assert.Equal(200, stillOpen);
        CardApi.AssertError(400, "param.stream.cardFinished", closedStatus, closedBody);
    }

    [Fact]
    public async Task UserBuiltTemplate_StillDrivenByStreaming()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();
        await CardApi.CreateGroupCardAsync(emu, token, "card_user");

        await emu.SendAsync(HttpMethod.Put, CardApi.Streaming, CardApi.Stream("card_user", "g1", "Done", isFinalize: true), token);
        var card = await CardApi.GetCardAsync(emu, "card_user");

        Assert.Equal(("FINISHED", false, "streaming"), ((string?)card["state"], (bool)card["spinning"]!, (string?)card["lifecycle"]));
    }

    [Fact]
    public async Task AddTemplate_WithFlowStatusLifecycle_IsDrivenByFlowStatus()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();
        var (status, body) = await emu.SendAsync(HttpMethod.Post, "/_emulator/cards/templates",
            new { templateId = "tpl-flow.schema", streamingKey = "content", variables = new[] { "flowStatus" }, lifecycle = "flowStatus" });
        await CardApi.CreateGroupCardAsync(emu, token, "card_flow", "tpl-flow.schema");

        await emu.SendAsync(HttpMethod.Put, CardApi.Streaming, CardApi.Stream("card_flow", "g1", "Done", isFinalize: true), token);

        Assert.Equal(200, status);
        Assert.Equal("flowStatus", (string?)body!["lifecycle"]);
        Assert.Equal(("PROCESSING", true), ((string?)(await CardApi.GetCardAsync(emu, "card_flow"))["state"], (bool)(await CardApi.GetCardAsync(emu, "card_flow"))["spinning"]!));
    }

    // QpmLimitForAppkeyAndApi is per app AND API (KB error-code page): the streaming API held shut leaves
    // PUT /v1.0/card/instances open, and FINISHED there with the whole msgContent (SDK-py ai_finish(markdown)) is what
    // the card shows from then on, streamed text or not.
    [Fact]
    public async Task BuiltInTemplate_StreamingThrottledPerMinute_FinishedThroughInstancesWithTheWholeAnswer()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();
        await CreateBuiltInAsync(emu, token, "card_qpm");
        await UpdateAsync(emu, token, "card_qpm", new JsonObject { ["flowStatus"] = "2", ["msgContent"] = "Hello" });
        await StreamAsync(emu, token, "card_qpm", "g1", "Hello");
        var (faultStatus, _) = await emu.SendAsync(HttpMethod.Post, "/_emulator/faults", new { path = CardApi.Streaming, method = "PUT", kind = "QpmLimit" });
        Assert.Equal(200, faultStatus);

        var (refused, refusal) = await emu.SendAsync(HttpMethod.Put, CardApi.Streaming, CardApi.Stream("card_qpm", "g2", "Hello wor", key: "msgContent"), token);
        await UpdateAsync(emu, token, "card_qpm", new JsonObject { ["flowStatus"] = "3", ["msgContent"] = "Hello world, the whole answer." });
        var card = await CardApi.GetCardAsync(emu, "card_qpm");

        Assert.Equal((403, "Forbidden.AccessDenied.QpmLimitForAppkeyAndApi"), (refused, (string?)refusal!["code"]));
        Assert.Equal(("FINISHED", false, false), ((string?)card["state"], (bool)card["spinning"]!, (bool)card["finalized"]!));
        Assert.Equal("Hello world, the whole answer.", (string?)card["publicData"]!["msgContent"]);
        Assert.Equal("Hello world, the whole answer.", (string?)card["streamingContent"]!["msgContent"]);
        Assert.Equal(["create", "instances", "streaming", "instances"], card["history"]!.AsArray().Select(h => (string?)h!["source"]));
    }

    [Fact]
    public async Task AddTemplate_UnknownLifecycle_Returns400()
    {
        await using var emu = await TestEmulator.StartAsync();

        var (status, body) = await emu.SendAsync(HttpMethod.Post, "/_emulator/cards/templates", new { templateId = "tpl-x.schema", lifecycle = "isFinalize" });

        Assert.Equal(400, status);
        Assert.Contains("lifecycle", body!.ToJsonString(), StringComparison.Ordinal);
    }

    private static async Task CreateBuiltInAsync(TestEmulator emu, string token, string outTrackId)
    {
        var (status, _) = await emu.SendAsync(HttpMethod.Post, CardApi.CreateAndDeliver,
            CardApi.GroupBody(outTrackId, BuiltIn, new JsonObject { ["msgContent"] = "", ["flowStatus"] = "1" }), token);
        Assert.Equal(200, status);
    }

    private static async Task StreamAsync(TestEmulator emu, string token, string outTrackId, string guid, string content, bool isFinalize = false, bool isError = false)
    {
        var (status, _) = await emu.SendAsync(HttpMethod.Put, CardApi.Streaming, CardApi.Stream(outTrackId, guid, content, key: "msgContent", isFinalize: isFinalize, isError: isError), token);
        Assert.Equal(200, status);
    }

    private static async Task UpdateAsync(TestEmulator emu, string token, string outTrackId, JsonObject paramMap)
    {
        var (status, _) = await emu.SendAsync(HttpMethod.Put, CardApi.Instances, new JsonObject
        {
            ["outTrackId"] = outTrackId, ["cardData"] = new JsonObject { ["cardParamMap"] = paramMap },
            ["cardUpdateOptions"] = new JsonObject { ["updateCardDataByKey"] = true },
        }, token);
        Assert.Equal(200, status);
    }
}
