using DingGate.Emulator.Cards;
using DingGate.Emulator.Tests.Support;

namespace DingGate.Emulator.Tests.Cards;

public sealed class CardStreamingTests
{
    [Fact]
    public async Task Streaming_FullUpdates_ReplaceContentAndMoveProcessingToInputing()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();
        await CardApi.CreateGroupCardAsync(emu, token, "card_s1");
        Assert.Equal("PROCESSING", (await CardApi.GetCardAsync(emu, "card_s1"))["state"]!.GetValue<string>());

        var (status, body) = await emu.SendAsync(HttpMethod.Put, CardApi.Streaming, CardApi.Stream("card_s1", "g1", "## 回答\n正在"), token);
        await emu.SendAsync(HttpMethod.Put, CardApi.Streaming, CardApi.Stream("card_s1", "g2", "## 回答\n正在生成"), token);

        Assert.Equal(200, status);
        Assert.Equal("""{"success":true,"result":true}""", body!.ToJsonString());
        var card = await CardApi.GetCardAsync(emu, "card_s1");
        Assert.Equal("INPUTING", card["state"]!.GetValue<string>());
        Assert.Equal("## 回答\n正在生成", card["streamingContent"]!["content"]!.GetValue<string>());
        Assert.Equal("## 回答\n正在生成", card["publicData"]!["content"]!.GetValue<string>());
        Assert.False(card["finalized"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Streaming_DefaultAiTemplate_StreamsOnMsgContent()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();
        await CardApi.CreateGroupCardAsync(emu, token, "card_ai", CardTemplateRegistry.DefaultAiCardTemplateId);

        var (status, _) = await emu.SendAsync(HttpMethod.Put, CardApi.Streaming, CardApi.Stream("card_ai", "g1", "hi", key: "msgContent"), token);
        var (wrongStatus, wrongBody) = await emu.SendAsync(HttpMethod.Put, CardApi.Streaming, CardApi.Stream("card_ai", "g2", "hi", key: "content"), token);

        Assert.Equal(200, status);
        CardApi.AssertError(500, "unknownError", wrongStatus, wrongBody);
    }

    [Fact]
    public async Task Streaming_AppendOnNonMarkdownKey_AppendsToPreviousContent()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();
        emu.Get<CardTemplateRegistry>().Add("tpl-log.schema", "content", ["log"]);
        await CardApi.CreateGroupCardAsync(emu, token, "card_app", "tpl-log.schema");

        await emu.SendAsync(HttpMethod.Put, CardApi.Streaming, CardApi.Stream("card_app", "g1", "step 1;", key: "log", isFull: false), token);
        var (status, _) = await emu.SendAsync(HttpMethod.Put, CardApi.Streaming, CardApi.Stream("card_app", "g2", "step 2;", key: "log", isFull: false), token);

        Assert.Equal(200, status);
        var card = await CardApi.GetCardAsync(emu, "card_app");
        Assert.Equal("step 1;step 2;", card["streamingContent"]!["log"]!.GetValue<string>());
    }

    [Fact]
    public async Task Streaming_IsFullFalseOrAbsentOnMarkdownKey_ReturnsParamStreamIsFull()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();
        await CardApi.CreateGroupCardAsync(emu, token, "card_md");
        var absent = CardApi.Stream("card_md", "g2", "x");
        absent.Remove("isFull");

        var (status, body) = await emu.SendAsync(HttpMethod.Put, CardApi.Streaming, CardApi.Stream("card_md", "g1", "x", isFull: false), token);
        var (absentStatus, absentBody) = await emu.SendAsync(HttpMethod.Put, CardApi.Streaming, absent, token);

        CardApi.AssertError(400, "param.stream.isFull", status, body);
        CardApi.AssertError(400, "param.stream.isFull", absentStatus, absentBody);
        Assert.Equal("PROCESSING", (await CardApi.GetCardAsync(emu, "card_md"))["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task Streaming_SameGuidTwice_SucceedsAndAppliesOnce()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();
        emu.Get<CardTemplateRegistry>().Add("tpl-log.schema", "content", ["log"]);
        await CardApi.CreateGroupCardAsync(emu, token, "card_guid", "tpl-log.schema");

        var first = await emu.SendAsync(HttpMethod.Put, CardApi.Streaming, CardApi.Stream("card_guid", "same", "a", key: "log", isFull: false), token);
        var second = await emu.SendAsync(HttpMethod.Put, CardApi.Streaming, CardApi.Stream("card_guid", "same", "a", key: "log", isFull: false), token);

        Assert.Equal((200, 200), (first.Status, second.Status));
        Assert.Equal("""{"success":true,"result":true}""", second.Body!.ToJsonString());
        var card = await CardApi.GetCardAsync(emu, "card_guid");
        Assert.Equal("a", card["streamingContent"]!["log"]!.GetValue<string>());
        var streamed = card["history"]!.AsArray().Where(h => h!["source"]!.GetValue<string>() == "streaming").ToList();
        Assert.Equal([false, true], streamed.Select(h => h!["duplicate"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task Streaming_FinalizeThenUpdate_FinishedAndLaterUpdateRejected()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();
        await CardApi.CreateGroupCardAsync(emu, token, "card_fin");
        await emu.SendAsync(HttpMethod.Put, CardApi.Streaming, CardApi.Stream("card_fin", "g1", "draft"), token);

        var (finalStatus, _) = await emu.SendAsync(HttpMethod.Put, CardApi.Streaming, CardApi.Stream("card_fin", "g2", "final", isFinalize: true), token);
        var retry = await emu.SendAsync(HttpMethod.Put, CardApi.Streaming, CardApi.Stream("card_fin", "g2", "final", isFinalize: true), token);
        var (status, body) = await emu.SendAsync(HttpMethod.Put, CardApi.Streaming, CardApi.Stream("card_fin", "g3", "more"), token);

        Assert.Equal(200, finalStatus);
        Assert.Equal(200, retry.Status);
        CardApi.AssertError(400, "param.stream.cardFinished", status, body);
        var card = await CardApi.GetCardAsync(emu, "card_fin");
        Assert.Equal("FINISHED", card["state"]!.GetValue<string>());
        Assert.True(card["finalized"]!.GetValue<bool>());
        Assert.Equal("final", card["streamingContent"]!["content"]!.GetValue<string>());
        var replay = card["history"]!.AsArray().Select(h => (h!["source"]!.GetValue<string>(), h["content"]?.GetValue<string>(), h["isFinalize"]!.GetValue<bool>()));
        Assert.Equal([("create", null, false), ("streaming", "draft", false), ("streaming", "final", true), ("streaming", "final", true)], replay);
    }

    [Fact]
    public async Task Streaming_RejectUpdatesAfterFinalizeOff_AcceptsUpdateOnFinishedCard()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();
        await CardApi.CreateGroupCardAsync(emu, token, "card_fin2");
        await emu.SendAsync(HttpMethod.Patch, "/_emulator/cards/settings", new { rejectUpdatesAfterFinalize = false });
        await emu.SendAsync(HttpMethod.Put, CardApi.Streaming, CardApi.Stream("card_fin2", "g1", "final", isFinalize: true), token);

        var (status, _) = await emu.SendAsync(HttpMethod.Put, CardApi.Streaming, CardApi.Stream("card_fin2", "g2", "again"), token);

        Assert.Equal(200, status);
    }

    [Fact]
    public async Task Streaming_IsError_MovesCardToFailed()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();
        await CardApi.CreateGroupCardAsync(emu, token, "card_err");

        var (status, _) = await emu.SendAsync(HttpMethod.Put, CardApi.Streaming, CardApi.Stream("card_err", "g1", "出错了", isError: true), token);

        Assert.Equal(200, status);
        var card = await CardApi.GetCardAsync(emu, "card_err");
        Assert.Equal("FAILED", card["state"]!.GetValue<string>());
        Assert.True(card["finalized"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Streaming_UnknownCardOrOtherAppsCard_ReturnsParamStreamOutTrackId()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.Apps.Add(new EmulatedAppOptions { ClientId = "dingother002", ClientSecret = "other-secret" }));
        var token = await emu.GetTokenAsync();
        var otherToken = await emu.GetTokenAsync("dingother002", "other-secret");
        await CardApi.CreateGroupCardAsync(emu, token, "card_mine");

        var (status, body) = await emu.SendAsync(HttpMethod.Put, CardApi.Streaming, CardApi.Stream("card_nope", "g1", "x"), token);
        var (otherStatus, otherBody) = await emu.SendAsync(HttpMethod.Put, CardApi.Streaming, CardApi.Stream("card_mine", "g1", "x"), otherToken);

        CardApi.AssertError(400, "param.stream.outTrackId", status, body);
        Assert.Equal("card is not exist", body!["message"]!.GetValue<string>());
        CardApi.AssertError(400, "param.stream.outTrackId", otherStatus, otherBody);
    }

    [Theory]
    [InlineData("key", "", "param.stream.keyEmpty")]
    [InlineData("content", null, "param.stream.contentEmpty")]
    [InlineData("content", "", "param.stream.contentEmpty")]
    [InlineData("guid", "", "param.stream.guidEmpty")]
    public async Task Streaming_EmptyField_Returns400WithCode(string field, string? value, string code)
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();
        await CardApi.CreateGroupCardAsync(emu, token, "card_empty");
        var request = CardApi.Stream("card_empty", "g1", "x");
        request[field] = value;

        var (status, body) = await emu.SendAsync(HttpMethod.Put, CardApi.Streaming, request, token);

        CardApi.AssertError(400, code, status, body);
    }

    [Fact]
    public async Task Streaming_EmptyContentWithSwitchOff_OpensTheCard()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();
        emu.Get<CardSwitches>().RejectEmptyStreamingContent = false;
        await CardApi.CreateGroupCardAsync(emu, token, "card_open");

        var (status, _) = await emu.SendAsync(HttpMethod.Put, CardApi.Streaming, CardApi.Stream("card_open", "g1", ""), token);

        Assert.Equal(200, status);
        Assert.Equal("INPUTING", (await CardApi.GetCardAsync(emu, "card_open"))["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task Streaming_SizeLimitOn_ContentOverLimitReturnsParamStreamContent()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();
        emu.Get<CardSwitches>().StreamingSizeLimitEnabled = true;
        await CardApi.CreateGroupCardAsync(emu, token, "card_big");

        var (okStatus, _) = await emu.SendAsync(HttpMethod.Put, CardApi.Streaming, CardApi.Stream("card_big", "g1", new string('a', 1024)), token);
        var (status, body) = await emu.SendAsync(HttpMethod.Put, CardApi.Streaming, CardApi.Stream("card_big", "g2", new string('a', 1025)), token);

        Assert.Equal(200, okStatus);
        CardApi.AssertError(400, "param.stream.content", status, body);
    }

    [Theory]
    [InlineData(403, "Forbidden.AccessDenied.QpsLimitForAppkeyAndApi")]
    [InlineData(429, "system.busy")]
    public async Task Streaming_RateLimitOn_ThirdCallInOneSecondIsThrottled(int limitStatus, string code)
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();
        await CardApi.CreateGroupCardAsync(emu, token, "card_qps");
        var (patchStatus, _) = await emu.SendAsync(HttpMethod.Patch, "/_emulator/cards/settings",
            new { streamingRateLimitEnabled = true, streamingRateLimitPerSecond = 2, streamingRateLimitStatus = limitStatus });

        await emu.SendAsync(HttpMethod.Put, CardApi.Streaming, CardApi.Stream("card_qps", "g1", "1"), token);
        await emu.SendAsync(HttpMethod.Put, CardApi.Streaming, CardApi.Stream("card_qps", "g2", "12"), token);
        var (status, body) = await emu.SendAsync(HttpMethod.Put, CardApi.Streaming, CardApi.Stream("card_qps", "g3", "123"), token);
        emu.Time.Advance(TimeSpan.FromSeconds(1));
        var (laterStatus, _) = await emu.SendAsync(HttpMethod.Put, CardApi.Streaming, CardApi.Stream("card_qps", "g4", "1234"), token);

        Assert.Equal(200, patchStatus);
        CardApi.AssertError(limitStatus, code, status, body);
        Assert.Equal(200, laterStatus);
    }

    [Fact]
    public async Task Streaming_WithoutStreamingPermission_Returns403PermissionDenied()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.Apps[0].Permissions.Remove(AppPermissions.CardStreamingWrite));
        var token = await emu.GetTokenAsync();
        await CardApi.CreateGroupCardAsync(emu, token, "card_sp");

        var (status, body) = await emu.SendAsync(HttpMethod.Put, CardApi.Streaming, CardApi.Stream("card_sp", "g1", "x"), token);

        CardApi.AssertError(403, "Forbidden.AccessDenied.AccessTokenPermissionDenied", status, body);
    }

    [Fact]
    public async Task Streaming_InvalidToken_Returns400InvalidAuthentication()
    {
        await using var emu = await TestEmulator.StartAsync();

        var (status, body) = await emu.SendAsync(HttpMethod.Put, CardApi.Streaming, CardApi.Stream("card_x", "g1", "x"), "bad-token");

        CardApi.AssertError(400, "InvalidAuthentication", status, body);
    }
}
