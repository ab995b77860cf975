using System.Text.Json.Serialization;
using DingGate.DingTalk.Api;
using DingGate.DingTalk.Tests.Support;

namespace DingGate.DingTalk.Tests.Api;

/// <summary>Other folders (Stream/) keep their DTOs in their own source-generated context and still use the one send core.</summary>
public sealed partial class ForeignContextTests
{
    [Fact]
    public async Task SendAsync_TypesFromAnotherContext_SerializedAndParsed()
    {
        await using var emulator = await DingTalkTestEmulator.StartAsync();
        var client = emulator.CreateClient();
        var body = new OpenRequest(DingTalkTestEmulator.ClientId, DingTalkTestEmulator.ClientSecret, [new Subscription("CALLBACK", "/v1.0/im/bot/messages/get")]);

        var answer = await client.SendAsync(
            new ApiRequest(DingTalkHost.Api, HttpMethod.Post, "/v1.0/gateway/connections/open", body, ApiAuth.None) { BodyType = TestContext.Default.OpenRequest },
            TestContext.Default.OpenResponse,
            default);

        Assert.StartsWith("ws://127.0.0.1:", answer.Endpoint, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(answer.Ticket));
        var call = Assert.Single(emulator.Calls("/v1.0/gateway/connections/open"));
        Assert.Equal("application/json", call.RequestHeaders["Accept"]);
        Assert.Equal(0, emulator.TokenRequests);
    }

    internal sealed record OpenRequest(
        [property: JsonPropertyName("clientId")] string ClientId,
        [property: JsonPropertyName("clientSecret")] string ClientSecret,
        [property: JsonPropertyName("subscriptions")] IReadOnlyList<Subscription> Subscriptions);

    internal sealed record Subscription([property: JsonPropertyName("type")] string Type, [property: JsonPropertyName("topic")] string Topic);

    internal sealed record OpenResponse([property: JsonPropertyName("endpoint")] string Endpoint, [property: JsonPropertyName("ticket")] string Ticket);

    [JsonSerializable(typeof(OpenRequest))]
    [JsonSerializable(typeof(OpenResponse))]
    internal sealed partial class TestContext : JsonSerializerContext;
}
