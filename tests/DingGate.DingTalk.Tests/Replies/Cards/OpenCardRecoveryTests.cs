using System.Text.Json.Nodes;
using DingGate.Core.Configuration;
using DingGate.Core.Storage;
using DingGate.DingTalk.Replies.Cards;
using DingGate.DingTalk.Tests.Support;
using DingGate.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace DingGate.DingTalk.Tests.Replies.Cards;

// Recovery against the real emulator and a real SQLite store: what DingTalk ends up showing, and what the store keeps.
public sealed class OpenCardRecoveryTests : IAsyncLifetime
{
    private const string Partial = "## 回答\n部分回答：第一段";
    private const string Interrupted = Partial + "\n\n> ⚠️ 回答被中断（网关停止或重启），稍后会重新回答。";

    private readonly TempDirectory _state = new();
    private DingTalkTestEmulator _emu = null!;
    private ServiceProvider _services = null!;
    private DingTalkAccount _account = null!;
    private AiCardClient _cards = null!;

    private IOpenCardStore Store => _services.GetRequiredService<IOpenCardStore>();

    public async Task InitializeAsync()
    {
        _emu = await DingTalkTestEmulator.StartAsync();
        _services = new ServiceCollection().AddSingleton<TimeProvider>(_emu.Time).AddSqliteStorage(_state.Path).BuildServiceProvider();
        _account = _emu.Account();
        _cards = new AiCardClient(_account, _emu.CreateClient());
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _emu.DisposeAsync();
        _state.Dispose();
    }

    [Fact]
    public async Task RecoverAsync_PartialCard_FinishedWithContentAndInterruptedNoteThenForgotten()
    {
        await CreateStreamingCardAsync("card_partial", Partial);
        await SaveOpenAsync("card_partial", Partial);
        var logs = new RecordingLogger<OpenCardRecovery>();

        var result = await Recovery(logs).RecoverAsync(CancellationToken.None);

        Assert.Equal(new OpenCardRecoveryResult(1, 0, 0), result);
        var card = await CardAsync("card_partial");
        Assert.Equal("FINISHED", card["state"]!.GetValue<string>());
        Assert.Equal(Interrupted, card["streamingContent"]!["msgContent"]!.GetValue<string>());
        var last = JsonNode.Parse(_emu.Calls("/v1.0/card/streaming")[^1].RequestBody)!;
        Assert.Equal(
            (Interrupted, "msgContent", true, true, false),
            (last["content"]!.GetValue<string>(), last["key"]!.GetValue<string>(), last["isFull"]!.GetValue<bool>(),
                last["isFinalize"]!.GetValue<bool>(), last["isError"]!.GetValue<bool>()));
        var finished = InstanceUpdates("card_partial")[^1]["cardData"]!["cardParamMap"]!;
        Assert.Equal(("3", Interrupted), ((string?)finished["flowStatus"], (string?)finished["msgContent"]));
        Assert.Equal(Interrupted, card["publicData"]!["msgContent"]!.GetValue<string>());
        Assert.False(card["spinning"]!.GetValue<bool>());
        Assert.Empty(await Store.ListAsync(_account.Id, CancellationToken.None));
        Assert.Contains(logs.Entries, e => e.EventId.Id == 2170 && e.Message.Contains("card_partial", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RecoverAsync_SeveralOpenCards_EachEndsFinishedWithFlowStatus3AndWhatItSaid()
    {
        await CreateStreamingCardAsync("card_one", "第一张");
        await CreateStreamingCardAsync("card_two", null); // killed before its first streaming update
        await CreateStreamingCardAsync("card_three", "第三张");
        foreach (var (id, content) in new[] { ("card_one", "第一张"), ("card_two", ""), ("card_three", "第三张") })
        {
            await SaveOpenAsync(id, content);
        }

        Assert.Equal(new OpenCardRecoveryResult(3, 0, 0), await Recovery().RecoverAsync(CancellationToken.None));

        foreach (var (id, content) in new[] { ("card_one", "第一张"), ("card_two", ""), ("card_three", "第三张") })
        {
            var card = await CardAsync(id);
            Assert.Equal(("FINISHED", false), (card["state"]!.GetValue<string>(), card["spinning"]!.GetValue<bool>()));
            var expected = (content.Length > 0 ? content + "\n\n" : string.Empty) + "> ⚠️ 回答被中断（网关停止或重启），稍后会重新回答。";
            Assert.Equal(expected, card["publicData"]!["msgContent"]!.GetValue<string>());
            Assert.Equal("3", (string?)InstanceUpdates(id)[^1]["cardData"]!["cardParamMap"]!["flowStatus"]);
        }
    }

    [Fact]
    public async Task RecoverAsync_FinishedUpdateFails_CardKeptForTheNextStart()
    {
        await CreateStreamingCardAsync("card_put503", Partial);
        await SaveOpenAsync("card_put503", Partial);
        await _emu.ControlAsync(HttpMethod.Post, "/_emulator/faults", new { path = "/v1.0/card/instances", method = "PUT", kind = "Status", status = 503, count = 10 });

        var first = await _emu.DriveAsync(Recovery().RecoverAsync(CancellationToken.None), TimeSpan.FromMilliseconds(500));

        Assert.Equal(new OpenCardRecoveryResult(0, 0, 1), first);
        Assert.True((await CardAsync("card_put503"))["spinning"]!.GetValue<bool>());
        Assert.Single(await Store.ListAsync(_account.Id, CancellationToken.None));

        await _emu.ControlAsync(HttpMethod.Delete, "/_emulator/faults");
        Assert.Equal(new OpenCardRecoveryResult(1, 0, 0), await Recovery().RecoverAsync(CancellationToken.None));
        Assert.Equal("FINISHED", (await CardAsync("card_put503"))["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task RecoverAsync_EmptyContent_FinishedWithTheNoteAlone()
    {
        await CreateStreamingCardAsync("card_empty", null);
        await SaveOpenAsync("card_empty", string.Empty);

        Assert.Equal(new OpenCardRecoveryResult(1, 0, 0), await Recovery().RecoverAsync(CancellationToken.None));

        var card = await CardAsync("card_empty");
        Assert.Equal("FINISHED", card["state"]!.GetValue<string>());
        Assert.Equal("> ⚠️ 回答被中断（网关停止或重启），稍后会重新回答。", card["streamingContent"]!["msgContent"]!.GetValue<string>());
    }

    [Fact]
    public async Task RecoverAsync_CardAlreadyFinishedOrUnknown_ForgottenWithoutChangingIt()
    {
        var done = await CreateStreamingCardAsync("card_done", "final answer");
        await done.StreamAsync("final answer", isFinalize: true, isError: false, CancellationToken.None);
        await done.EndAsync("final answer", failed: false, CancellationToken.None);
        await SaveOpenAsync("card_done", "final ans");
        await SaveOpenAsync("card_never_created", "x");
        var historyBefore = (await CardAsync("card_done"))["history"]!.AsArray().Count;
        var logs = new RecordingLogger<OpenCardRecovery>();

        var result = await Recovery(logs).RecoverAsync(CancellationToken.None);

        Assert.Equal(new OpenCardRecoveryResult(0, 2, 0), result);
        var card = await CardAsync("card_done");
        Assert.Equal("final answer", card["streamingContent"]!["msgContent"]!.GetValue<string>());
        Assert.Equal(historyBefore, card["history"]!.AsArray().Count);
        Assert.Equal([400, 400], _emu.Calls("/v1.0/card/streaming").TakeLast(2).Select(c => c.Status));
        Assert.Empty(await Store.ListAsync(_account.Id, CancellationToken.None));
        Assert.Equal(2, logs.Entries.Count(e => e.EventId.Id == 2171));
    }

    [Fact]
    public async Task RecoverAsync_DingTalk503_CardKeptAndFinalizedOnTheNextStart()
    {
        await CreateStreamingCardAsync("card_503", Partial);
        await SaveOpenAsync("card_503", Partial);
        await _emu.ControlAsync(HttpMethod.Post, "/_emulator/faults", new { path = "/v1.0/card/streaming", kind = "Status", status = 503, count = 10 });
        var before = _emu.Calls("/v1.0/card/streaming").Count;

        var first = await _emu.DriveAsync(Recovery().RecoverAsync(CancellationToken.None), TimeSpan.FromMilliseconds(500));

        Assert.Equal(new OpenCardRecoveryResult(0, 0, 1), first);
        Assert.Equal(4, _emu.Calls("/v1.0/card/streaming").Count - before); // the client's 3 retries, then given up
        Assert.Equal("INPUTING", (await CardAsync("card_503"))["state"]!.GetValue<string>());
        Assert.Equal(["card_503"], (await Store.ListAsync(_account.Id, CancellationToken.None)).Select(c => c.OutTrackId));

        await _emu.ControlAsync(HttpMethod.Delete, "/_emulator/faults");
        var second = await Recovery().RecoverAsync(CancellationToken.None);

        Assert.Equal(new OpenCardRecoveryResult(1, 0, 0), second);
        Assert.Equal(Interrupted, (await CardAsync("card_503"))["streamingContent"]!["msgContent"]!.GetValue<string>());
        Assert.Empty(await Store.ListAsync(_account.Id, CancellationToken.None));
    }

    [Fact]
    public async Task RecoverAsync_OutageLongerThanBudget_StopsAtTheBudgetAndKeepsTheRest()
    {
        foreach (var id in new[] { "card_a", "card_b", "card_c" })
        {
            await CreateStreamingCardAsync(id, Partial);
            await SaveOpenAsync(id, Partial);
        }

        await _emu.ControlAsync(HttpMethod.Post, "/_emulator/faults", new { path = "/v1.0/card/streaming", kind = "Status", status = 503, count = 100 });
        var before = _emu.Calls("/v1.0/card/streaming").Count;
        var logs = new RecordingLogger<OpenCardRecovery>();

        var result = await _emu.DriveAsync(Recovery(logs, budget: TimeSpan.FromSeconds(2)).RecoverAsync(CancellationToken.None), TimeSpan.FromMilliseconds(500));

        Assert.Equal(new OpenCardRecoveryResult(0, 0, 3), result);
        Assert.InRange(_emu.Calls("/v1.0/card/streaming").Count - before, 1, 4); // the first card's attempts only
        Assert.Equal(3, (await Store.ListAsync(_account.Id, CancellationToken.None)).Count);
        Assert.Contains(logs.Entries, e => e.EventId.Id == 2175);
    }

    [Fact]
    public async Task RecoverAsync_NoOpenCards_MakesNoCall()
    {
        var before = _emu.Recorder.HttpCalls.Count;

        Assert.Equal(new OpenCardRecoveryResult(0, 0, 0), await Recovery().RecoverAsync(CancellationToken.None));

        Assert.Equal(before, _emu.Recorder.HttpCalls.Count);
    }

    [Fact]
    public async Task RecoverAsync_OtherAccountsCards_LeftAlone()
    {
        await CreateStreamingCardAsync("card_other", Partial);
        await Store.AddAsync(Open("card_other", Partial) with { AccountId = "other" }, CancellationToken.None);

        Assert.Equal(new OpenCardRecoveryResult(0, 0, 0), await Recovery().RecoverAsync(CancellationToken.None));

        Assert.Equal("INPUTING", (await CardAsync("card_other"))["state"]!.GetValue<string>());
        Assert.Single(await Store.ListAsync("other", CancellationToken.None));
    }

    private OpenCardRecovery Recovery(RecordingLogger<OpenCardRecovery>? logs = null, TimeSpan? budget = null) =>
        new(_account, _cards, Store, _emu.Time, logs ?? new RecordingLogger<OpenCardRecovery>(), budget);

    // A card as a reply leaves it when the process dies: created ("1") and, when it streamed, INPUTING ("2") plus updates.
    private async Task<AiCardFlow> CreateStreamingCardAsync(string outTrackId, string? content)
    {
        await _cards.CreateAndDeliverAsync(
            new CardTarget(false, "user001", null, null), outTrackId, CardVariables.Create(_account), null, CancellationToken.None);
        var flow = new AiCardFlow(_account, _cards, outTrackId, null);
        if (content is not null)
        {
            await flow.StreamAsync(content, isFinalize: false, isError: false, CancellationToken.None);
        }

        return flow;
    }

    private IReadOnlyList<JsonNode> InstanceUpdates(string outTrackId) =>
        _emu.Calls("/v1.0/card/instances")
            .Where(c => c.Method == "PUT" && c.Status == 200)
            .Select(c => JsonNode.Parse(c.RequestBody)!)
            .Where(b => (string?)b["outTrackId"] == outTrackId)
            .ToList();

    private Task SaveOpenAsync(string outTrackId, string content) => Store.AddAsync(Open(outTrackId, content), CancellationToken.None);

    private OpenCard Open(string outTrackId, string content) => new()
    {
        AccountId = _account.Id,
        OutTrackId = outTrackId,
        ConversationId = "user001",
        MessageKey = "msg-" + outTrackId,
        OwnerUserId = "user001",
        Content = content,
        CreatedAt = _emu.Time.GetUtcNow(),
        UpdatedAt = _emu.Time.GetUtcNow(),
    };

    private async Task<JsonNode> CardAsync(string outTrackId) =>
        (await _emu.ControlAsync(HttpMethod.Get, "/_emulator/cards/" + Uri.EscapeDataString(outTrackId)))!;
}
