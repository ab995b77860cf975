using DingGate.Emulator.Conversations;
using DingGate.Emulator.Tests.Support;

namespace DingGate.Emulator.Tests.Replies;

public sealed class RecallTests
{
    private const string Group = "cidDemoGroup0001==";

    [Fact]
    public async Task OtoBatchRecall_SentKeyAndUnknownKey_SplitsResultsAndMarksRecalled()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();
        var key = await BatchSendAsync(emu, token);

        var (status, body) = await emu.SendAsync(HttpMethod.Post, "/v1.0/robot/otoMessages/batchRecall", new { robotCode = TestEmulator.ClientId, processQueryKeys = new[] { key, "nokey" } }, token);

        Assert.Equal(200, status);
        Assert.Equal(key, Assert.Single(body!["successResult"]!.AsArray())!.GetValue<string>());
        Assert.Equal("{\"nokey\":\"invalid.processQueryKey\"}", body["failedResult"]!.ToJsonString());
        Assert.All(emu.Get<ConversationLog>().SentByBot(), e => Assert.True(e.Recalled));
    }

    [Fact]
    public async Task OtoBatchRecall_After24Hours_FailsWithExpired()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();
        var key = await BatchSendAsync(emu, token);

        emu.Time.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));
        token = await emu.GetTokenAsync();
        var (_, body) = await emu.SendAsync(HttpMethod.Post, "/v1.0/robot/otoMessages/batchRecall", new { robotCode = TestEmulator.ClientId, processQueryKeys = new[] { key } }, token);

        Assert.Equal("[]", body!["successResult"]!.ToJsonString());
        Assert.Equal("robot.processQueryKey.expired", Assert.Single(body["failedResult"]!.AsObject()).Value!.GetValue<string>());
        Assert.Equal(key, body["failedResult"]!.AsObject().Single().Key);
        Assert.All(emu.Get<ConversationLog>().SentByBot(), e => Assert.False(e.Recalled));
    }

    [Fact]
    public async Task OtoBatchRecall_21Keys_ReturnsOverMax()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();

        var (status, body) = await emu.SendAsync(HttpMethod.Post, "/v1.0/robot/otoMessages/batchRecall", new
        {
            robotCode = TestEmulator.ClientId, processQueryKeys = Enumerable.Range(0, 21).Select(i => "k" + i).ToArray(),
        }, token);

        RobotSendTests.AssertError(status, body, "invalidParameter.processQueryKeys.overMax");
    }

    [Fact]
    public async Task GroupRecall_SentKey_Succeeds()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();
        var (_, sent) = await emu.SendAsync(HttpMethod.Post, "/v1.0/robot/groupMessages/send", new { robotCode = TestEmulator.ClientId, openConversationId = Group, msgKey = "sampleText", msgParam = "{\"content\":\"x\"}" }, token);
        var key = sent!["processQueryKey"]!.GetValue<string>();

        var (status, body) = await emu.SendAsync(HttpMethod.Post, "/v1.0/robot/groupMessages/recall", new { openConversationId = Group, robotCode = TestEmulator.ClientId, processQueryKeys = new[] { key } }, token);

        Assert.Equal(200, status);
        Assert.Equal(key, Assert.Single(body!["successResult"]!.AsArray())!.GetValue<string>());
        Assert.Equal("{}", body["failedResult"]!.ToJsonString());
        Assert.True(Assert.Single(emu.Get<ConversationLog>().SentByBot(Group)).Recalled);
    }

    private static async Task<string> BatchSendAsync(TestEmulator emu, string token)
    {
        var (_, body) = await emu.SendAsync(HttpMethod.Post, "/v1.0/robot/oToMessages/batchSend", new
        {
            robotCode = TestEmulator.ClientId, userIds = new[] { "user001", "user002" }, msgKey = "sampleText", msgParam = "{\"content\":\"x\"}",
        }, token);
        return body!["processQueryKey"]!.GetValue<string>();
    }
}
