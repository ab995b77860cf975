using DingGate.DingTalk.Api;
using DingGate.DingTalk.Api.Models;
using DingGate.DingTalk.Tests.Support;
using DingGate.Coordination.Redis;
using DingGate.Tests.Shared;
using StackExchange.Redis;

namespace DingGate.DingTalk.Tests.Coordination;

/// <summary>
/// The session-webhook limit (<c>webhookRateLimit</c> per <c>webhookRateWindowMs</c>, per conversation) shared by the
/// replicas: two replicas answer one busy conversation in turn, each through the webhook of the message it took (two
/// sessions, one conversation), against the emulator's webhook throttle (20 per minute per conversation, then errcode
/// 410100). Through a real Redis they keep under it together (one window per app and conversation); each on its own
/// they exceed it. Asserted on the recorded traffic and the window in Redis, on the fake clock.
/// </summary>
public sealed class SharedWebhookLimitTests
{
    private const string WebhookPath = "/robot/sendBySession";
    private const int PerReplica = 15;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task TwoReplicasAnswerOneConversation_SharedThroughRedis_NeverOverTheWebhookLimit()
    {
        using var redis = RedisInstance.Start();
        await using var emu = await DingTalkTestEmulator.StartAsync(o => o.SessionWebhookThrottle = true);
        await using var a = RedisCoordination.Connect(redis.ConnectionString, "replica-a", emu.Time, new RecordingLogger<RedisCoordination>());
        await using var b = RedisCoordination.Connect(redis.ConnectionString, "replica-b", emu.Time, new RecordingLogger<RedisCoordination>());
        var (inFlightA, inFlightB) = (DingTalkTestEmulator.NewInFlightCounter(), DingTalkTestEmulator.NewInFlightCounter());
        var clientA = emu.CreateClient(Account(emu), inFlight: inFlightA, sharedWindows: new RedisRateWindows(a, emu.Time));
        var clientB = emu.CreateClient(Account(emu), inFlight: inFlightB, sharedWindows: new RedisRateWindows(b, emu.Time));
        var (conversation, webhookA, webhookB) = await OneConversationTwoWebhooksAsync(emu);
        var start = emu.Time.GetUtcNow();

        var sends = Task.WhenAll(Enumerable.Range(0, PerReplica).SelectMany(i => new[]
        {
            ReplyAsync(clientA, webhookA, conversation, $"a{i}"), ReplyAsync(clientB, webhookB, conversation, $"b{i}"),
        }));
        // The first window's calls all go out at the start before the clock moves (each recorded when its take was made).
        await TestWait.UntilAsync(() => emu.Calls(WebhookPath).Count(c => c.At >= start) >= 20, "the first window's replies");
        await emu.DriveQuietlyAsync(sends, TimeSpan.FromSeconds(1), maxSteps: 150, inFlightA, inFlightB);

        var calls = emu.Calls(WebhookPath).Where(c => c.At >= start).ToList();
        Assert.DoesNotContain(calls, c => c.ResponseBody.Contains("410100", StringComparison.Ordinal));
        Assert.Equal(2 * PerReplica, calls.Count(c => c.Status == 200 && c.ResponseBody.Contains("\"errcode\":0", StringComparison.Ordinal)));
        Assert.All(calls, c => Assert.True(calls.Count(o => o.At <= c.At && o.At > c.At - Window) <= 20, $"more than 20 replies in the minute up to {c.At:O}"));
        Assert.Equal(20, calls.Count(c => c.At == start));
        Assert.All(calls.Where(c => c.At != start), c => Assert.True(c.At >= start + Window, "the 21st waits for the first to leave the window"));

        await using var reader = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var key = $"dinggate:webhook:{DingTalkTestEmulator.ClientId}:{conversation}";
        var members = (await reader.GetDatabase().SortedSetRangeByRankAsync(key)).Select(m => (string)m!).ToList();
        Assert.Equal(2 * PerReplica - 20, members.Count); // the takes of the window's second half, one key for both replicas
        var keys = reader.GetServer(reader.GetEndPoints()[0]).Keys(pattern: "*").Select(k => (string)k!).ToList();
        Assert.DoesNotContain(keys, k => k.Contains(Session(webhookA), StringComparison.Ordinal) || k.Contains(Session(webhookB), StringComparison.Ordinal));
    }

    [Fact]
    public async Task TwoReplicasAnswerOneConversation_EachOnItsOwn_DingTalkThrottlesTheConversation()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync(o => o.SessionWebhookThrottle = true);
        var clientA = emu.CreateClient(Account(emu));
        var clientB = emu.CreateClient(Account(emu));
        var (conversation, webhookA, webhookB) = await OneConversationTwoWebhooksAsync(emu);
        var start = emu.Time.GetUtcNow();

        await Task.WhenAll(Enumerable.Range(0, PerReplica).SelectMany(i => new[]
        {
            ReplyAsync(clientA, webhookA, conversation, $"a{i}"), ReplyAsync(clientB, webhookB, conversation, $"b{i}"),
        })).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Contains(emu.Calls(WebhookPath), c => c.At >= start && c.ResponseBody.Contains("410100", StringComparison.Ordinal));
    }

    [Fact]
    public void WebhookKey_WithoutConversation_HashesTheUrl_NeverCarriesTheSessionToken()
    {
        var webhook = new Uri("https://oapi.dingtalk.com/robot/sendBySession?session=0123456789abcdef0123456789abcdef");

        var key = ApiSharedLimits.WebhookKey("dingapp", null, webhook);

        Assert.Equal("webhook:dingapp:cidX", ApiSharedLimits.WebhookKey("dingapp", "cidX", webhook));
        Assert.Matches("^webhook:dingapp:url-[0-9a-f]{32}$", key);
        Assert.DoesNotContain("0123456789abcdef", key, StringComparison.Ordinal);
        Assert.Equal(key, ApiSharedLimits.WebhookKey("dingapp", "", webhook));
        Assert.NotEqual(key, ApiSharedLimits.WebhookKey("dingapp", null, new Uri(webhook + "0")));
    }

    // The emulator's guess at DingTalk's webhook limit (20 per minute per conversation) as the account's limit.
    private static Core.Configuration.DingTalkAccount Account(DingTalkTestEmulator emu) =>
        emu.Account() with { WebhookRateLimit = 20, WebhookRateWindow = Window };

    // Two messages of one DM conversation: each comes with its own session webhook (as two replicas each took one).
    private static async Task<(string Conversation, Uri A, Uri B)> OneConversationTwoWebhooksAsync(DingTalkTestEmulator emu)
    {
        var first = await emu.InjectTextAsync("first");
        var second = await emu.InjectTextAsync("second");
        var conversation = first["conversationId"]!.GetValue<string>();
        Assert.Equal(conversation, second["conversationId"]!.GetValue<string>());
        var (a, b) = (new Uri(first["sessionWebhook"]!.GetValue<string>()), new Uri(second["sessionWebhook"]!.GetValue<string>()));
        Assert.NotEqual(a, b);
        return (conversation, a, b);
    }

    private static string Session(Uri webhook) => webhook.Query["?session=".Length..];

    // A refused reply (the unshared case) ends with an exception: the traffic is what is asserted.
    private static async Task ReplyAsync(DingTalkApiClient client, Uri webhook, string conversation, string text)
    {
        try
        {
            await client.PostWebhookAsync(webhook, conversation, new WebhookTextMessage(new WebhookText(text)), meter: null, hooks: null, CancellationToken.None);
        }
        catch (DingTalkApiException)
        {
        }
    }
}
