using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DingGate.Emulator;
using Microsoft.Extensions.Time.Testing;

namespace DingGate.DingTalk.Tests.Support;

/// <summary>
/// A real emulator on 127.0.0.1:0 with a fake clock and one app, used to get bot-message payloads exactly as the
/// emulator's factory builds them (<c>POST /_emulator/messages</c>, reading <c>payload</c> from the answer). No stream
/// client is needed: the answer carries the payload even when the push stays pending.
/// </summary>
public sealed class InboundTestEmulator : IAsyncLifetime
{
    public const string ClientId = "dinginboundapp01";
    public const string BotName = "Test Bot";
    public const string GroupId = "cidDemoGroup0001==";

    public static readonly DateTimeOffset Start = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);

    private EmulatorHost? _host;
    private HttpClient? _http;

    public FakeTimeProvider Time { get; } = new(Start);

    public async Task InitializeAsync()
    {
        var options = new EmulatorOptions { Port = 0, Seed = 42, TimeProvider = Time };
        options.Apps.Add(new EmulatedAppOptions { ClientId = ClientId, ClientSecret = "inbound-secret", Name = BotName });
        _host = EmulatorHost.Create(options);
        await _host.StartAsync();
        _http = new HttpClient { BaseAddress = _host.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Injects a user message and returns the emulator's answer (msgId, conversationId, sessionWebhook, payload).</summary>
    public async Task<JsonObject> InjectAsync(object request)
    {
        using var content = new StringContent(JsonSerializer.Serialize(request), Encoding.UTF8, "application/json");
        using var response = await _http!.PostAsync(new Uri("/_emulator/messages", UriKind.Relative), content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"inject failed: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Injects a user message and returns the payload JSON exactly as the emulator would push it.</summary>
    public async Task<(string Payload, JsonObject Answer)> PayloadAsync(object request)
    {
        var answer = await InjectAsync(request);
        return (answer["payload"]!.ToJsonString(), answer);
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
