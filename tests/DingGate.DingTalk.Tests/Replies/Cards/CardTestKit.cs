using System.Text.Json.Nodes;
using DingGate.Core.Configuration;
using DingGate.Core.Inbound;
using DingGate.DingTalk.Api;
using DingGate.DingTalk.Inbound;
using DingGate.DingTalk.Replies;
using DingGate.DingTalk.Replies.Cards;
using DingGate.DingTalk.Replies.Outbox;
using DingGate.DingTalk.Replies.Media;
using DingGate.DingTalk.Replies.Sending;
using DingGate.DingTalk.Tests.Support;
using DingGate.Emulator;
using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk.Tests.Replies.Cards;

/// <summary>
/// The card-mode parts of one account (as the runtime factory builds them) on a real emulator with a fake clock,
/// plus helpers to inject real messages, drive the clock and read what the emulator recorded.
/// </summary>
internal sealed class CardTestKit : IAsyncDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);
    public static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);

    private readonly ILoggerFactory _loggers;
    private readonly List<CardReplySink> _sinks = [];
    private readonly OutboxTestStore _outbox;

    private CardTestKit(DingTalkTestEmulator emu, DingTalkAccount account)
    {
        Emu = emu;
        Account = account;
        _outbox = new OutboxTestStore(emu.Time);
        Logs = new ScopeCapturingLoggerProvider();
        _loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        Api = emu.CreateClient(account);
        var robot = new RobotMessageSender(account, Api);
        var replier = new ConversationReplier(
            account, Api, robot, _outbox.Outbox, new OutboxWakeup(), new ReplyMetrics(emu.MeterFactory, emu.Time), emu.Time, _loggers.CreateLogger<ConversationReplier>());
        var attachments = new ReplyAttachmentSender(
            account.Id, new MediaUploader(Api), new MediaMessageSender(robot), robot, _loggers.CreateLogger<ReplyAttachmentSender>());
        Cards = new CardReplies(account, Api, replier, attachments, Store, Registry, emu.Time, _loggers);
    }

    public DingTalkTestEmulator Emu { get; }

    public DingTalkAccount Account { get; }

    public DingTalkApiClient Api { get; }

    public InMemoryOpenCardStore Store { get; } = new();

    public ActiveCardRegistry Registry { get; } = new();

    public CardReplies Cards { get; }

    public ScopeCapturingLoggerProvider Logs { get; }

    public static async Task<CardTestKit> StartAsync(
        Action<EmulatorOptions>? configure = null, TimeSpan? degrade = null, Func<DingTalkAccount, DingTalkAccount>? customize = null)
    {
        var emu = await DingTalkTestEmulator.StartAsync(configure);
        var account = emu.Account() with
        {
            MessageType = "card", CardStreamInterval = Interval, AicardDegradeDuration = degrade ?? TimeSpan.FromMinutes(30),
        };
        return new CardTestKit(emu, customize?.Invoke(account) ?? account);
    }

    /// <summary>Injects a text from <paramref name="from"/> (a DM, or a group @bot message) and parses it as the channel does.</summary>
    public async Task<InboundMessage> InjectAsync(string text, string from = "user001", string conversation = "dm")
    {
        var (payload, _) = await Emu.PayloadAsync(new { clientId = DingTalkTestEmulator.ClientId, from, conversation, text });
        var parsed = new InboundMessageParser(Emu.Time).Parse(Account.Id, DingTalkTestEmulator.BotName, payload);
        return Assert.IsType<ParseResult.Ok>(parsed).Message;
    }

    public CardReplySink Create(InboundMessage message)
    {
        var sink = Cards.TryCreate(message, Account.Id + ":" + message.MessageId) ?? throw new InvalidOperationException("card mode refused the reply");
        _sinks.Add(sink);
        return sink;
    }

    /// <summary>Waits (real time) until no DingTalk call was recorded for a few polls, so the clock is moved only when the HTTP traffic is quiet.</summary>
    public async Task SettleAsync()
    {
        var stable = 0;
        var last = -1;
        var deadline = Environment.TickCount64 + 5000;
        while (stable < 3 && Environment.TickCount64 < deadline)
        {
            await Task.Delay(15);
            var now = Emu.Recorder.HttpCalls.Count;
            stable = now == last ? stable + 1 : 0;
            last = now;
        }
    }

    /// <summary>Moves the fake clock one <see cref="Step"/> at a time (settling in between) until <paramref name="task"/> is done.</summary>
    public async Task<T> DriveAsync<T>(Task<T> task, int maxSteps = 600)
    {
        for (var i = 0; i < maxSteps && !task.IsCompleted; i++)
        {
            await SettleAsync();
            if (!task.IsCompleted)
            {
                Emu.Time.Advance(Step);
            }
        }

        return await task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async Task<JsonObject> CardAsync(string outTrackId) => (await Emu.ControlAsync(HttpMethod.Get, "/_emulator/cards/" + outTrackId))!.AsObject();

    public IReadOnlyList<JsonObject> Bodies(string path, string? outTrackId = null) =>
        Emu.Calls(path)
            .Select(c => JsonNode.Parse(c.RequestBody!)!.AsObject())
            .Where(b => outTrackId is null || (string?)b["outTrackId"] == outTrackId)
            .ToList();

    /// <summary>Bot messages of a conversation (webhook or OpenAPI; cards excluded) whose content contains <paramref name="text"/>.</summary>
    public async Task<int> MarkdownCountAsync(string conversationId, string text)
    {
        var log = (await Emu.ControlAsync(HttpMethod.Get, "/_emulator/conversations/" + Uri.EscapeDataString(conversationId)))!.AsArray();
        return log.Count(e => (bool)e!["fromBot"]! && (string?)e["kind"] != "card" && e["content"]!.ToJsonString().Contains(Json(text), StringComparison.Ordinal));
    }

    /// <summary>
    /// The card's successful calls in wire order: <c>create:&lt;flowStatus&gt;</c>, <c>instances:&lt;flowStatus&gt;</c>
    /// (PUT /v1.0/card/instances), <c>stream</c>, <c>finalize</c> (isFinalize), <c>error</c> (isError without isFinalize).
    /// </summary>
    public IReadOnlyList<string> Steps(string outTrackId) =>
        Emu.Recorder.HttpCalls
            .Where(c => c.Path.StartsWith("/v1.0/card/", StringComparison.Ordinal) && c.Status == 200)
            .Select(c => (Call: c, Body: JsonNode.Parse(c.RequestBody)!.AsObject()))
            .Where(x => (string?)x.Body["outTrackId"] == outTrackId)
            .Select(x => x.Call.Path switch
            {
                "/v1.0/card/instances/createAndDeliver" => "create:" + (string?)x.Body["cardData"]!["cardParamMap"]!["flowStatus"],
                "/v1.0/card/instances" => "instances:" + (string?)x.Body["cardData"]!["cardParamMap"]!["flowStatus"],
                _ => (bool)x.Body["isFinalize"]! ? "finalize" : (bool)x.Body["isError"]! ? "error" : "stream",
            })
            .ToList();

    /// <summary>Bodies of the card's <c>PUT /v1.0/card/instances</c> calls (answered 200), in order.</summary>
    public IReadOnlyList<JsonObject> InstanceUpdates(string outTrackId) =>
        Emu.Recorder.HttpCalls
            .Where(c => c.Method == "PUT" && c.Path == "/v1.0/card/instances" && c.Status == 200)
            .Select(c => JsonNode.Parse(c.RequestBody)!.AsObject())
            .Where(b => (string?)b["outTrackId"] == outTrackId)
            .ToList();

    public Task AddFaultAsync(object fault) => Emu.ControlAsync(HttpMethod.Post, "/_emulator/faults", fault);

    // How text appears inside a serialized JSON string (escapes of newlines, quotes).
    private static string Json(string text) => System.Text.Json.JsonSerializer.Serialize(text)[1..^1];

    public async ValueTask DisposeAsync()
    {
        // A test that failed midway may leave a sink waiting on a fake-clock retry: end them all, moving the clock.
        foreach (var sink in _sinks)
        {
            try
            {
                await DriveAsync(sink.DisposeAsync().AsTask().ContinueWith(_ => 0, TaskScheduler.Default), maxSteps: 200);
            }
            catch (TimeoutException)
            {
            }
        }

        _loggers.Dispose();
        await _outbox.DisposeAsync();
        await Emu.DisposeAsync();
    }
}
