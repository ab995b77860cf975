using System.Text;
using System.Text.Json.Nodes;
using DingGate.Emulator;
using DingGate.Emulator.Recording;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DingGate.DingTalk.Tests.Support;

/// <summary>
/// A real emulator on 127.0.0.1:0 with its own fake clock (seed 42, app dingtestapp001/test-secret-001) and an
/// HttpClient for its control API. Dispose to stop it. (Small starter for the Stream tests; modelled on the emulator's own.)
/// </summary>
internal sealed class StreamTestEmulator : IAsyncDisposable
{
    public const string ClientId = "dingtestapp001";
    public const string ClientSecret = "test-secret-001";

    private StreamTestEmulator(EmulatorHost host, FakeTimeProvider time)
    {
        Host = host;
        Time = time;
        Http = new HttpClient { BaseAddress = host.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    public EmulatorHost Host { get; }

    public FakeTimeProvider Time { get; }

    public HttpClient Http { get; }

    public Uri BaseUrl => Host.BaseUrl;

    public TrafficRecorder Recorder => Host.Recorder;

    public T Get<T>()
        where T : notnull => Host.Services.GetRequiredService<T>();

    public static async Task<StreamTestEmulator> StartAsync(Action<EmulatorOptions>? configure = null)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));
        var options = new EmulatorOptions { Port = 0, Seed = 42, TimeProvider = time };
        options.Apps.Add(new EmulatedAppOptions { ClientId = ClientId, ClientSecret = ClientSecret, Name = "Test Bot" });
        configure?.Invoke(options);
        var host = EmulatorHost.Create(options);
        await host.StartAsync();
        return new StreamTestEmulator(host, time);
    }

    /// <summary>Sends a JSON control request and returns status and parsed body.</summary>
    public async Task<(int Status, JsonNode? Body)> SendAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body as string ?? System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }

        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public async Task<JsonArray> ConnectionsAsync() => (await SendAsync(HttpMethod.Get, "/_emulator/connections")).Body!.AsArray();

    public async Task<JsonArray> PushesAsync() => (await SendAsync(HttpMethod.Get, "/_emulator/pushes")).Body!.AsArray();

    /// <summary>Injects a DM text from user001; returns the emulator's answer (messageId, msgId, delivered…).</summary>
    public async Task<JsonNode> InjectAsync(string text = "hi")
    {
        var (status, body) = await SendAsync(HttpMethod.Post, "/_emulator/messages", new { from = "user001", text });
        Assert.Equal(200, status);
        return body!;
    }

    public int RegistrationCalls() => Recorder.HttpCalls.Count(c => c.Path == "/v1.0/gateway/connections/open");

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
    }
}
