using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DingGate.DingTalk.Tests.Support;
using DingGate.Emulator;
using Microsoft.Extensions.Time.Testing;

namespace DingGate.Cli.Tests.Support;

/// <summary>
/// The real emulator on 127.0.0.1:0, seen by the end-to-end tests only through its control API (<c>/_emulator/…</c>):
/// inject user messages, read the recorded DingTalk calls, cards and stream connections. Either one test app
/// (<see cref="ClientId"/>) on a fake clock shared with the gateway, or the demo app on the real clock (the CLI runs).
/// </summary>
internal sealed class EmulatorUnderTest : IAsyncDisposable
{
    public const string ClientId = "dinge2etestapp";
    public const string ClientSecret = "e2e-secret-001";
    public const string DemoClientId = "dingdemoappkey";
    public const string DemoClientSecret = "demo-secret";

    /// <summary>The group the emulator seeds (user001–user003 and every app are members).</summary>
    public const string GroupId = "cidDemoGroup0001==";

    public static readonly DateTimeOffset Start = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);

    private readonly HttpClient _control;

    private EmulatorUnderTest(EmulatorHost host, FakeTimeProvider? time)
    {
        Host = host;
        Time = time;
        _control = new HttpClient { BaseAddress = host.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    public EmulatorHost Host { get; }

    /// <summary>The clock shared by the emulator and the gateway (null: the real clock).</summary>
    public FakeTimeProvider? Time { get; }

    public Uri BaseUrl => Host.BaseUrl;

    /// <summary>One test app, fake clock (<paramref name="demoApp"/>: the built-in demo app, real clock).</summary>
    public static async Task<EmulatorUnderTest> StartAsync(bool demoApp = false)
    {
        var time = demoApp ? null : new FakeTimeProvider(Start);
        var options = new EmulatorOptions { Port = 0, Seed = 5 };
        if (time is not null)
        {
            options.TimeProvider = time;
            options.Apps.Add(new EmulatedAppOptions { ClientId = ClientId, ClientSecret = ClientSecret, Name = "E2E Bot" });
        }

        var host = EmulatorHost.Create(options);
        await host.StartAsync();
        return new EmulatorUnderTest(host, time);
    }

    /// <summary>A user message (the control API's inject body as is); returns the emulator's answer. Asserts it was delivered.</summary>
    public async Task<JsonObject> InjectAsync(object request)
    {
        var answer = (await SendAsync(HttpMethod.Post, "/_emulator/messages", request))!.AsObject();
        Assert.True((bool?)answer["delivered"], "the emulator pushed the message: " + answer.ToJsonString());
        return answer;
    }

    /// <summary>A text DM to the bot from <paramref name="from"/>.</summary>
    public Task<JsonObject> SendDmAsync(string text, string from = "user001") =>
        InjectAsync(new { from, conversation = "dm", text });

    /// <summary>Every recorded DingTalk call whose path starts with <paramref name="pathPrefix"/>, oldest first.</summary>
    public async Task<IReadOnlyList<RecordedCall>> CallsAsync(string pathPrefix)
    {
        var calls = (await SendAsync(HttpMethod.Get, "/_emulator/traffic/http"))!.AsArray();
        return calls
            .Select(c => new RecordedCall((long)c!["sequence"]!, (string)c["method"]!, (string)c["path"]!, (string?)c["requestBody"] ?? string.Empty, (int)c["status"]!))
            .Where(c => c.Path.StartsWith(pathPrefix, StringComparison.Ordinal))
            .ToList();
    }

    public async Task<JsonArray> CardsAsync() => (await SendAsync(HttpMethod.Get, "/_emulator/cards"))!.AsArray();

    /// <summary>A card with its streaming content and update history.</summary>
    public async Task<JsonObject> CardAsync(string outTrackId) => (await SendAsync(HttpMethod.Get, "/_emulator/cards/" + outTrackId))!.AsObject();

    /// <summary>The outTrackIds of the cards created so far, oldest first.</summary>
    public async Task<IReadOnlyList<string>> CardIdsAsync() =>
        [.. (await CallsAsync("/v1.0/card/instances/createAndDeliver")).Select(c => (string)JsonNode.Parse(c.RequestBody)!["outTrackId"]!)];

    /// <summary>Ids of the stream connections in state "active".</summary>
    public async Task<IReadOnlyList<string>> ActiveConnectionsAsync() =>
        [.. (await SendAsync(HttpMethod.Get, "/_emulator/connections"))!.AsArray().Where(c => (string?)c!["state"] == "active").Select(c => (string)c!["id"]!)];

    /// <summary>Waits until a stream connection not in <paramref name="known"/> is active; returns its id.</summary>
    public async Task<string> WaitForNewConnectionAsync(IReadOnlyCollection<string> known)
    {
        string? fresh = null;
        await TestWait.UntilAsync(
            async () => (fresh = (await ActiveConnectionsAsync()).FirstOrDefault(id => !known.Contains(id))) is not null,
            "a new stream connection");
        return fresh!;
    }

    /// <summary>Waits until stream connection <paramref name="connectionId"/> is no longer active (closed or going away).</summary>
    public Task WaitForConnectionGoneAsync(string connectionId) =>
        TestWait.UntilAsync(async () => !(await ActiveConnectionsAsync()).Contains(connectionId), $"connection {connectionId} gone");

    /// <summary>Waits until card <paramref name="outTrackId"/> is finalized and ended (no longer spinning: flowStatus 3/5 on the built-in template); returns it.</summary>
    public async Task<JsonObject> WaitForFinalizedCardAsync(string outTrackId)
    {
        JsonObject? card = null;
        await TestWait.UntilAsync(async () => (card = await CardAsync(outTrackId)) is var c && (bool?)c["finalized"] == true && (bool?)c["spinning"] == false, $"card {outTrackId} ended");
        return card!;
    }

    /// <summary>Sends a control request and returns the parsed answer; fails on a non-2xx status.</summary>
    public async Task<JsonNode?> SendAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }

        using var response = await _control.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path} → {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    public async ValueTask DisposeAsync()
    {
        _control.Dispose();
        await Host.DisposeAsync();
    }
}
