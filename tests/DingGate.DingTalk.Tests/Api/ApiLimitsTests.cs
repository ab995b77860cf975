using System.Text.Json.Nodes;
using DingGate.Core.Configuration;
using DingGate.Core.Replies;
using DingGate.DingTalk.Api;
using DingGate.DingTalk.Api.Models;
using DingGate.DingTalk.Replies.Cards;
using DingGate.DingTalk.Replies.Sending;
using DingGate.DingTalk.Tests.Support;
using DingGate.Emulator;
using DingGate.Emulator.Recording;

namespace DingGate.DingTalk.Tests.Api;

/// <summary>
/// The client's limiters against a real emulator on a fake clock, asserted on the recorded traffic: one bucket per app
/// and API (two APIs run at 20/s each, not 10), the session webhook outside the API buckets, finalize before new card
/// creates under backlog, <c>apiQps</c> from the configuration, and the per-IP guard shared by accounts.
/// </summary>
public sealed class ApiLimitsTests
{
    private const string DownloadPath = "/v1.0/robot/messageFiles/download";
    private const string OtoPath = "/v1.0/robot/oToMessages/batchSend";
    private const string WebhookPath = "/robot/sendBySession";
    private const string StreamingPath = "/v1.0/card/streaming";
    private const string CreatePath = "/v1.0/card/instances/createAndDeliver";
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(20);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TwoApisSixtyCallsEachAtOnce_EachRunsAtTwentyPerSecond_NoRefusal(bool slidingWindow)
    {
        await using var emu = await DingTalkTestEmulator.StartAsync(o => o.QpsSlidingWindow = slidingWindow);
        var inFlight = DingTalkTestEmulator.NewInFlightCounter();
        var client = emu.CreateClient(inFlight: inFlight);
        var code = await PictureCodeAsync(emu);
        await DownloadAsync(client, code);
        await OtoAsync(client);
        emu.Time.Advance(TimeSpan.FromSeconds(2));
        var start = emu.Time.GetUtcNow();

        var calls = Enumerable.Range(0, 60).Select(_ => (Task)DownloadAsync(client, code))
            .Concat(Enumerable.Range(0, 60).Select(_ => (Task)OtoAsync(client))).ToList();
        await emu.DriveQuietlyAsync(Task.WhenAll(calls), Step, maxSteps: 400, inFlight);

        Assert.DoesNotContain(emu.Recorder.HttpCalls, c => c.Status == 403);
        foreach (var path in new[] { DownloadPath, OtoPath })
        {
            var burst = emu.Calls(path).Where(c => c.At >= start).ToList();
            Assert.Equal(60, burst.Count);
            Assert.All(burst, c => Assert.Equal(200, c.Status));
            Assert.Equal(20, burst.Count(c => c.At == start));
            Assert.True(MostInAnyWindow(burst, TimeSpan.FromSeconds(1)) <= 20, $"{path}: more than 20 calls in one second");

            // Three windows of 20 (plus the margin), not the six a shared bucket would need.
            Assert.True(burst[^1].At - start < TimeSpan.FromSeconds(2.2), $"{path}: last call {burst[^1].At - start} after the start");
        }
    }

    [Fact]
    public async Task TwentyWebhookRepliesAndTwentyOtoSendsAtOnce_AllGoOutInTheSameSecond()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        var client = emu.CreateClient();
        var webhook = new Uri((await emu.InjectTextAsync())["sessionWebhook"]!.GetValue<string>());
        await OtoAsync(client); // the token
        emu.Time.Advance(TimeSpan.FromSeconds(2));
        var start = emu.Time.GetUtcNow();

        var replies = Enumerable.Range(0, 20).Select(i => client.ReplyTextAsync(webhook, $"reply {i}", null, CancellationToken.None)).ToList();
        var sends = Enumerable.Range(0, 20).Select(_ => OtoAsync(client)).ToList();
        await Task.WhenAll(Task.WhenAll(replies), Task.WhenAll(sends)).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(20, emu.Calls(WebhookPath).Count(c => c.At == start && c.Status == 200));
        Assert.Equal(20, emu.Calls(OtoPath).Count(c => c.At == start && c.Status == 200));
        Assert.True(client.IsBacklogged(ApiCallKinds.OtoSend), "the OTO bucket is spent for this second");
        Assert.False(client.IsBacklogged(ApiCallKinds.Webhook));
        Assert.False(client.IsBacklogged(ApiCallKinds.GroupSend));
        Assert.False(client.IsBacklogged(ApiCallKinds.CardCreate));
    }

    [Fact]
    public async Task IsBacklogged_ApiHeldByAThrottleAnswer_TrueForItsKindOnlyUntilTheLimitPasses()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        var client = emu.CreateClient();
        await OtoAsync(client); // the token
        await emu.ControlAsync(HttpMethod.Post, "/_emulator/faults", new { path = OtoPath, kind = "QpmLimit", count = 1 });
        Assert.False(client.IsBacklogged(ApiCallKinds.OtoSend));

        var held = OtoAsync(client);
        await TestWait.UntilAsync(() => emu.Calls(OtoPath).Count == 2, "the throttled send");
        await TestWait.UntilAsync(() => client.IsBacklogged(ApiCallKinds.OtoSend), "the send held by the per-minute limit");
        Assert.False(client.IsBacklogged(ApiCallKinds.GroupSend));
        Assert.False(client.IsBacklogged(ApiCallKinds.Webhook));
        emu.Time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(2));
        await held.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal([200, 403, 200], emu.Calls(OtoPath).Select(c => c.Status));
        Assert.False(client.IsBacklogged(ApiCallKinds.OtoSend));
    }

    [Fact]
    public async Task WebhookRateLimit_CountsPerConversation()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        var inFlight = DingTalkTestEmulator.NewInFlightCounter();
        var client = emu.CreateClient(emu.Account() with { WebhookRateLimit = 2, WebhookRateWindow = TimeSpan.FromSeconds(60) }, inFlight: inFlight);
        var first = new Uri((await emu.InjectTextAsync())["sessionWebhook"]!.GetValue<string>());
        var (_, other) = await emu.PayloadAsync(new { clientId = DingTalkTestEmulator.ClientId, from = "user002", conversation = "dm", text = "hi" });
        var second = new Uri(other["sessionWebhook"]!.GetValue<string>());
        var start = emu.Time.GetUtcNow();

        var replies = Enumerable.Range(0, 3).Select(i => client.ReplyTextAsync(first, $"reply {i}", null, CancellationToken.None))
            .Append(client.ReplyTextAsync(second, "other", null, CancellationToken.None)).ToList();
        await TestWait.UntilAsync(() => emu.Calls(WebhookPath).Count >= 3, "the replies within the limit");
        Assert.True(client.IsBacklogged(ApiCallKinds.Webhook));
        await emu.DriveQuietlyAsync(Task.WhenAll(replies), TimeSpan.FromSeconds(5), maxSteps: 20, inFlight);

        var calls = emu.Calls(WebhookPath);
        Assert.Equal(3, calls.Count(c => c.At == start));
        Assert.True(calls[^1].At >= start + TimeSpan.FromSeconds(60), "the third reply of one conversation waited for its window");
        Assert.Single(calls, c => c.At == start && JsonNode.Parse(c.RequestBody)!["text"]!["content"]!.GetValue<string>() == "other");
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task CardBacklog_FinalizeServedBeforeIntermediateUpdatesAndNewCreates()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        var inFlight = DingTalkTestEmulator.NewInFlightCounter();
        var account = emu.Account() with { ApiQps = 2 };
        var cards = new AiCardClient(account, emu.CreateClient(account, inFlight: inFlight));
        var open = new[] { "card_x", "card_y", "card_z", "card_a", "card_b" };
        await emu.DriveQuietlyAsync(Task.WhenAll(open.Select(id => CreateAsync(cards, id))), Step, maxSteps: 300, inFlight);
        emu.Time.Advance(TimeSpan.FromSeconds(2));
        var setup = emu.Recorder.HttpCalls.Count;

        var work = new List<Task>();
        foreach (var id in new[] { "card_x", "card_y", "card_z" })
        {
            work.Add(cards.StreamAsync(id, "partial " + id, isFinalize: false, isError: false, null, CancellationToken.None));
        }

        await Task.Delay(50);
        foreach (var id in new[] { "card_a", "card_b" })
        {
            work.Add(cards.StreamAsync(id, "final " + id, isFinalize: true, isError: false, null, CancellationToken.None));
        }

        await Task.Delay(50);
        work.Add(CreateAsync(cards, "card_new1"));
        work.Add(CreateAsync(cards, "card_new2"));
        await emu.DriveQuietlyAsync(Task.WhenAll(work), Step, maxSteps: 300, inFlight);

        var after = emu.Recorder.HttpCalls.Skip(setup).ToList();
        Assert.DoesNotContain(after, c => c.Status != 200);
        var order = after.Select(Label).ToList();
        var finals = new[] { "final card_a", "final card_b" }.Select(l => order.IndexOf(l)).ToList();
        var creates = new[] { "create card_new1", "create card_new2" }.Select(l => order.IndexOf(l)).ToList();
        Assert.All(finals.Concat(creates), i => Assert.True(i >= 0, string.Join(", ", order)));
        Assert.True(finals.Max() < order.IndexOf("partial card_z"), "finalize before a waiting intermediate update: " + string.Join(", ", order));
        Assert.True(finals.Max() < creates.Min(), "finalize of open cards before new creates: " + string.Join(", ", order));
        var z = after.Single(c => Label(c) == "partial card_z");
        Assert.All(after.Where(c => c.Path == CreatePath), c => Assert.True(c.At >= z.At, "a create went out while streaming calls still waited"));
    }

    [Fact]
    public async Task ApiQpsFromConfiguration_ReachesEachAccountsBuckets()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync(o => o.QpsLimit = 60);
        var settings = new DingTalkChannelSettings { ApiQps = 60, ClientId = DingTalkTestEmulator.ClientId, ClientSecret = DingTalkTestEmulator.ClientSecret };
        settings.Accounts["paid"] = new DingTalkAccountSettings();
        settings.Accounts["standard"] = new DingTalkAccountSettings { ApiQps = 20 };
        var accounts = settings.Resolve().ToDictionary(a => a.Id);

        foreach (var (id, rate) in new[] { ("paid", 60), ("standard", 20) })
        {
            var account = accounts[id] with { ApiBaseUrl = emu.BaseUrl, OapiBaseUrl = emu.BaseUrl };
            var client = emu.CreateClient(account);
            await OtoAsync(client); // the token
            emu.Time.Advance(TimeSpan.FromSeconds(2));
            var start = emu.Time.GetUtcNow();

            var sends = Enumerable.Range(0, rate + 1).Select(_ => OtoAsync(client)).ToList();
            await TestWait.UntilAsync(() => emu.Calls(OtoPath).Count(c => c.At == start) >= rate, $"{rate} sends of {id}");
            await Task.Delay(100);

            Assert.Equal(rate, emu.Calls(OtoPath).Count(c => c.At == start));
            Assert.True(client.IsBacklogged(ApiCallKinds.OtoSend));
            emu.Time.Advance(TimeSpan.FromSeconds(2));
            await Task.WhenAll(sends).WaitAsync(TimeSpan.FromSeconds(30));
        }

        Assert.DoesNotContain(emu.Recorder.HttpCalls, c => c.Status == 403);
    }

    [Fact]
    public async Task IpGuard_TwoAccountsOverTheIpLimit_StayUnderItTogetherAndAreNeverBanned()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync(ConfigureIpLimit);
        var (calls, inFlight) = StartTwoAccounts(emu, new ApiIpGuard(27, emu.Time));
        await WarmUpAsync(emu, calls);
        var start = emu.Time.GetUtcNow();

        var work = calls.SelectMany(client => Enumerable.Range(0, 30).Select(_ => BadDownloadAsync(client))).ToList();
        await emu.DriveQuietlyAsync(Task.WhenAll(work), TimeSpan.FromMilliseconds(500), maxSteps: 200, inFlight);

        var burst = emu.Recorder.HttpCalls.Where(c => c.At >= start).ToList();
        Assert.Equal(60, burst.Count);
        Assert.All(burst, c => Assert.Equal(400, c.Status)); // the emulator's answer to a bad download code, never the ban
        Assert.Equal(27, burst.Count(c => c.At == start));
        Assert.True(MostInAnyWindow(emu.Recorder.HttpCalls, ApiIpGuard.Window) <= 27);
        Assert.Equal(2, burst.Select(c => c.ClientId).Distinct().Count());
    }

    [Fact]
    public async Task IpGuard_Absent_TheSameLoadGetsTheIpBanned()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync(ConfigureIpLimit);
        var (calls, _) = StartTwoAccounts(emu, guard: null);
        await WarmUpAsync(emu, calls);

        var work = calls.SelectMany(client => Enumerable.Range(0, 30).Select(_ => BadDownloadAsync(client))).ToList();
        await Task.WhenAll(work).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Contains(emu.Recorder.HttpCalls, c => c.Status == 403 && c.ResponseBody.Contains("\"punish\":\"deny\"", StringComparison.Ordinal));
    }

    private static void ConfigureIpLimit(EmulatorOptions o)
    {
        o.QpsLimitEnabled = false;
        o.IpLimit = 30;
        o.Apps.Add(new EmulatedAppOptions { ClientId = "dingtestapp002", ClientSecret = "test-secret-002", Name = "Second Bot" });
    }

    private static (List<DingTalkApiClient> Clients, InFlightCounter[] InFlight) StartTwoAccounts(DingTalkTestEmulator emu, ApiIpGuard? guard)
    {
        var inFlight = new[] { DingTalkTestEmulator.NewInFlightCounter(), DingTalkTestEmulator.NewInFlightCounter() };
        var first = emu.Account() with { ApiQps = 1000 };
        var second = first with { Id = "second", ClientId = "dingtestapp002", ClientSecret = "test-secret-002", RobotCode = "dingtestapp002" };
        return ([emu.CreateClient(first, ipGuard: guard, inFlight: inFlight[0]), emu.CreateClient(second, ipGuard: guard, inFlight: inFlight[1])], inFlight);
    }

    private static async Task WarmUpAsync(DingTalkTestEmulator emu, List<DingTalkApiClient> clients)
    {
        foreach (var client in clients)
        {
            await BadDownloadAsync(client); // the token and one call
        }

        emu.Time.Advance(TimeSpan.FromSeconds(21));
    }

    private static int MostInAnyWindow(IReadOnlyList<RecordedHttpCall> calls, TimeSpan window)
    {
        var times = calls.Select(c => c.At).Order().ToList();
        var most = 0;
        for (var i = 0; i < times.Count; i++)
        {
            most = Math.Max(most, times.Skip(i).TakeWhile(t => t - times[i] < window).Count());
        }

        return most;
    }

    private static string Label(RecordedHttpCall call)
    {
        var body = JsonNode.Parse(call.RequestBody)!;
        var id = body["outTrackId"]!.GetValue<string>();
        return call.Path == CreatePath ? "create " + id
            : call.Path == StreamingPath ? (body["isFinalize"]!.GetValue<bool>() ? "final " : "partial ") + id
            : call.Path + " " + id;
    }

    private static Task<string?> CreateAsync(AiCardClient cards, string outTrackId) =>
        cards.CreateAndDeliverAsync(new CardTarget(false, "user001", null, null), outTrackId, new Dictionary<string, string>(), null, CancellationToken.None);

    private static async Task<string> PictureCodeAsync(DingTalkTestEmulator emu)
    {
        var payload = await emu.InjectMediaAsync("picture", "p.png", "image/png", [1, 2, 3]);
        return payload["content"]!["downloadCode"]!.GetValue<string>();
    }

    private static Task<MessageFileDownloadResponse> DownloadAsync(DingTalkApiClient client, string code) =>
        client.SendAsync<MessageFileDownloadResponse>(
            DingTalkHost.Api, HttpMethod.Post, DownloadPath, new MessageFileDownloadRequest(code, DingTalkTestEmulator.ClientId), ApiAuth.Token, CancellationToken.None);

    // A download with a code the emulator does not know: answered 400 (or the ban); the status the client saw.
    private static async Task<int> BadDownloadAsync(DingTalkApiClient client)
    {
        var error = await Assert.ThrowsAsync<DingTalkApiException>(() => client.SendAsync<MessageFileDownloadResponse>(
            DingTalkHost.Api, HttpMethod.Post, DownloadPath, new MessageFileDownloadRequest("nope", client.Account.RobotCode), ApiAuth.Token, CancellationToken.None));
        return error.HttpStatus;
    }

    private static Task<string> OtoAsync(DingTalkApiClient client) =>
        new RobotMessageSender(client.Account, client).SendAsync(
            new MessageTarget(MessageTargetKind.User, "user001"), "sampleText", "{\"content\":\"hi\"}", null, CancellationToken.None);
}
