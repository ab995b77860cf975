using DingGate.Cli.Tests.Support;
using DingGate.Core.Configuration;
using DingGate.DingTalk.Tests.Support;
using DingGate.Tests.Shared;
using StackExchange.Redis;

namespace DingGate.Cli.Tests.EndToEnd;

/// <summary>
/// The gateway with <c>coordination.redis</c>: it announces itself in the replicas' presence set and its DingTalk calls
/// take their permits in Redis (the app's API windows and the cluster's per-IP window), asserted on Redis's keys.
/// </summary>
public sealed class RedisCoordinationGatewayTests
{
    [Fact]
    public async Task CoordinationRedis_GatewayAnswers_PresenceAndItsCallsWindowsInRedis()
    {
        using var redis = RedisInstance.Start();
        await using var emu = await EmulatorUnderTest.StartAsync();
        using var state = new TempDirectory();
        var model = new ScriptedChatClient { Script = call => ScriptedChatClient.Steps(call.Token, "回答" + call.Index) };

        await using var gateway = await GatewayUnderTest.StartAsync(
            emu, state.Path, model, s => s.MessageType = "markdown",
            configureConfig: c => c.Coordination = new CoordinationSettings { Redis = redis.ConnectionString });
        var asked = await emu.SendDmAsync("你好");
        await gateway.WaitForDmHistoryAsync(asked, 2);

        await using var reader = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var keys = reader.GetServer(reader.GetEndPoints()[0]).Keys(pattern: "dinggate:*").Select(k => (string)k!).ToList();
        Assert.Contains("dinggate:replicas", keys);
        Assert.Equal(1, await reader.GetDatabase().SortedSetLengthAsync("dinggate:replicas"));
        Assert.Contains("dinggate:ip", keys);
        Assert.Contains(keys, k => k.StartsWith("dinggate:api:" + EmulatorUnderTest.ClientId + ":", StringComparison.Ordinal));
    }
}
