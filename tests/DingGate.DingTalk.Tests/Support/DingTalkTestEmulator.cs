using System.Diagnostics.Metrics;
using System.Text;
using System.Text.Json.Nodes;
using DingGate.Core.Configuration;
using DingGate.DingTalk.Api;
using DingGate.Emulator;
using DingGate.Emulator.Recording;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace DingGate.DingTalk.Tests.Support;

/// <summary>
/// A real emulator on 127.0.0.1:0 with a fake clock (<see cref="Start"/>, on a second boundary), seed 42 and one
/// app (<see cref="ClientId"/>/<see cref="ClientSecret"/>, named <see cref="BotName"/>); <see cref="Account"/> points
/// both hosts at it and <see cref="Control"/> talks to its control API. The one emulator starter for every test in
/// this project (API, stream, inbound parser, end to end). Dispose to stop it.
/// </summary>
internal sealed class DingTalkTestEmulator : IAsyncDisposable
{
    public const string ClientId = "dingtestapp001";
    public const string ClientSecret = "test-secret-001";
    public const string BotName = "Test Bot";

    /// <summary>A group conversation the emulator seeds.</summary>
    public const string GroupId = "cidDemoGroup0001==";

    /// <summary>Where the fake clock starts.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly List<HttpClient> _clients = [];

    private DingTalkTestEmulator(EmulatorHost host, FakeTimeProvider time)
    {
        Host = host;
        Time = time;
        Control = new HttpClient { BaseAddress = host.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    public EmulatorHost Host { get; }

    public FakeTimeProvider Time { get; }

    /// <summary>Plain HttpClient on the emulator for the control API.</summary>
    public HttpClient Control { get; }

    public Uri BaseUrl => Host.BaseUrl;

    public TrafficRecorder Recorder => Host.Recorder;

    public IMeterFactory MeterFactory => _metrics.GetRequiredService<IMeterFactory>();

    public static async Task<DingTalkTestEmulator> StartAsync(Action<EmulatorOptions>? configure = null)
    {
        var time = new FakeTimeProvider(Start);
        var options = new EmulatorOptions { Port = 0, Seed = 42, TimeProvider = time };
        options.Apps.Add(new EmulatedAppOptions { ClientId = ClientId, ClientSecret = ClientSecret, Name = BotName });
        configure?.Invoke(options);
        var host = EmulatorHost.Create(options);
        await host.StartAsync();
        return new DingTalkTestEmulator(host, time);
    }

    /// <summary>An account whose api and oapi base URLs are the emulator.</summary>
    public DingTalkAccount Account(string secret = ClientSecret, long? maxMediaBytes = null) => new()
    {
        Id = "default",
        ClientId = ClientId,
        ClientSecret = secret,
        RobotCode = ClientId,
        ApiBaseUrl = Host.BaseUrl,
        OapiBaseUrl = Host.BaseUrl,
        MaxMediaBytes = maxMediaBytes ?? 20L * 1024 * 1024,
    };

    /// <summary>A <see cref="DingTalkApiClient"/> for <paramref name="account"/> (default: <see cref="Account"/>) on the fake clock.</summary>
    public DingTalkApiClient CreateClient(
        DingTalkAccount? account = null, ApiClientOptions? options = null, ApiIpGuard? ipGuard = null, InFlightCounter? inFlight = null,
        Core.Coordination.ISharedRateWindows? sharedWindows = null)
    {
        var http = new HttpClient(inFlight ?? (HttpMessageHandler)DingTalkApiClient.CreateHandler()) { Timeout = TimeSpan.FromSeconds(30) };
        _clients.Add(http);
        return new DingTalkApiClient(
            account ?? Account(), http, Time, NullLogger<DingTalkApiClient>.Instance, new DingTalkApiMetrics(MeterFactory), options, ipGuard,
            sharedWindows: sharedWindows);
    }

    /// <summary>Sends a control-API request (<c>/_emulator/…</c>) and returns the parsed answer; fails on non-2xx.</summary>
    public async Task<JsonNode?> ControlAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }

        using var response = await Control.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path} → {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    /// <summary>Sends a JSON control request (a string body is sent as is) and returns status and parsed body; does not assert.</summary>
    public async Task<(int Status, JsonNode? Body)> SendAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body as string ?? System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }

        using var response = await Control.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public async Task<JsonArray> ConnectionsAsync() => (await SendAsync(HttpMethod.Get, "/_emulator/connections")).Body!.AsArray();

    public async Task<JsonArray> PushesAsync() => (await SendAsync(HttpMethod.Get, "/_emulator/pushes")).Body!.AsArray();

    /// <summary>Injects a DM text from user001 (no clientId: the only app); returns the emulator's answer (messageId, msgId, delivered…).</summary>
    public async Task<JsonNode> InjectAsync(string text = "hi")
    {
        var (status, body) = await SendAsync(HttpMethod.Post, "/_emulator/messages", new { from = "user001", text });
        Assert.Equal(200, status);
        return body!;
    }

    /// <summary>
    /// Injects a user message (<paramref name="request"/> sent as is) and returns the payload JSON exactly as the emulator
    /// would push it, with the whole answer (msgId, conversationId, sessionWebhook, payload). No stream client is needed:
    /// the answer carries the payload even when the push stays pending.
    /// </summary>
    public async Task<(string Payload, JsonObject Answer)> PayloadAsync(object request)
    {
        var answer = (await ControlAsync(HttpMethod.Post, "/_emulator/messages", request))!.AsObject();
        return (answer["payload"]!.ToJsonString(), answer);
    }

    /// <summary>Injects a DM from user001 with an attached file; returns the bot-message payload.</summary>
    public async Task<JsonObject> InjectMediaAsync(string msgtype, string fileName, string contentType, byte[] bytes)
    {
        var answer = await ControlAsync(HttpMethod.Post, "/_emulator/messages", new
        {
            clientId = ClientId,
            from = "user001",
            conversation = "dm",
            msgtype,
            file = new { name = fileName, contentType, contentBase64 = Convert.ToBase64String(bytes) },
        });
        return answer!["payload"]!.AsObject();
    }

    /// <summary>Injects a text DM from user001; returns the whole answer (sessionWebhook, payload, …).</summary>
    public async Task<JsonObject> InjectTextAsync(string text = "hello") =>
        (await ControlAsync(HttpMethod.Post, "/_emulator/messages", new { clientId = ClientId, from = "user001", conversation = "dm", text }))!.AsObject();

    /// <summary>Recorded DingTalk calls whose path starts with <paramref name="pathPrefix"/>.</summary>
    public IReadOnlyList<RecordedHttpCall> Calls(string pathPrefix) =>
        Recorder.HttpCalls.Where(c => c.Path.StartsWith(pathPrefix, StringComparison.Ordinal)).ToList();

    public int TokenRequests => Calls("/v1.0/oauth2/accessToken").Count;

    public int RegistrationCalls() => Recorder.HttpCalls.Count(c => c.Path == "/v1.0/gateway/connections/open");

    /// <summary>
    /// Lets <paramref name="task"/> run, moving the fake clock one <paramref name="step"/> at a time while it waits on a
    /// timer (backoff, rate limiter). Real time is only used to let socket I/O happen between steps.
    /// </summary>
    public async Task<T> DriveAsync<T>(Task<T> task, TimeSpan step, int maxSteps = 60)
    {
        for (var i = 0; i < maxSteps && !task.IsCompleted; i++)
        {
            await Task.WhenAny(task, Task.Delay(TimeSpan.FromMilliseconds(50)));
            if (!task.IsCompleted)
            {
                Time.Advance(step);
            }
        }

        return await task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>A fresh in-flight counter over the client's own handler, for <see cref="CreateClient"/> and <see cref="DriveQuietlyAsync"/>.</summary>
    public static InFlightCounter NewInFlightCounter() => new(DingTalkApiClient.CreateHandler());

    /// <summary>
    /// Lets <paramref name="work"/> run, moving the fake clock one <paramref name="step"/> at a time, but only while no
    /// request is on the wire (<paramref name="inFlight"/>) and nothing new reached the emulator for a moment of real
    /// time: each call is recorded at the fake time it was sent.
    /// </summary>
    public async Task DriveQuietlyAsync(Task work, TimeSpan step, int maxSteps, params InFlightCounter[] inFlight)
    {
        for (var i = 0; i < maxSteps && !work.IsCompleted; i++)
        {
            var seen = -1;
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (!work.IsCompleted && DateTime.UtcNow < deadline)
            {
                var count = Recorder.HttpCalls.Count;
                if (count == seen && inFlight.All(c => c.InFlight == 0))
                {
                    break;
                }

                seen = count;
                await Task.WhenAny(work, Task.Delay(TimeSpan.FromMilliseconds(15)));
            }

            if (!work.IsCompleted)
            {
                Time.Advance(step);
            }
        }

        await work.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        Control.Dispose();
        await _metrics.DisposeAsync();
        await Host.DisposeAsync();
    }
}
