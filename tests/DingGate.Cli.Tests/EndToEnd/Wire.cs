using System.Text.Json.Nodes;
using DingGate.Cli.Tests.Support;
using DingGate.DingTalk.Tests.Support;

namespace DingGate.Cli.Tests.EndToEnd;

// Reading the emulator's records the way the end-to-end tests assert on them.
internal static class Wire
{
    /// <summary>DingTalk routes that carry a plain (text/markdown) message from the bot.</summary>
    public static readonly string[] MessageRoutes = ["/robot/sendBySession", "/v1.0/robot/oToMessages/batchSend", "/v1.0/robot/groupMessages/send"];

    /// <summary>The <c>PUT /v1.0/card/streaming</c> calls of one card, oldest first.</summary>
    public static async Task<IReadOnlyList<RecordedCall>> StreamingAsync(EmulatorUnderTest emulator, string outTrackId) =>
        [.. (await emulator.CallsAsync("/v1.0/card/streaming")).Where(c => (string?)c.Body["outTrackId"] == outTrackId)];

    /// <summary>Every text or markdown message the bot sent (webhook or OpenAPI), oldest first.</summary>
    public static async Task<IReadOnlyList<RecordedCall>> MessagesAsync(EmulatorUnderTest emulator)
    {
        var all = new List<RecordedCall>();
        foreach (var route in MessageRoutes)
        {
            all.AddRange(await emulator.CallsAsync(route));
        }

        return [.. all.OrderBy(c => c.Sequence)];
    }

    /// <summary>The text a webhook message shows (text or markdown).</summary>
    public static string WebhookText(JsonNode body) =>
        (string?)body["text"]?["content"] ?? (string?)body["markdown"]?["text"] ?? string.Empty;

    public static string CardContent(JsonObject card) => (string?)card["streamingContent"]?["msgContent"] ?? string.Empty;

    /// <summary>Moves the fake clock in small steps until card <paramref name="outTrackId"/> got a streaming update.</summary>
    public static Task AdvanceUntilStreamedAsync(EmulatorUnderTest emulator, string outTrackId) =>
        TestWait.UntilAsync(
            async () =>
            {
                emulator.Time!.Advance(TimeSpan.FromMilliseconds(100));
                return (await StreamingAsync(emulator, outTrackId)).Count > 0;
            },
            $"a streaming update of card {outTrackId}");

    /// <summary>Waits until the <paramref name="count"/>-th card was created; returns its outTrackId.</summary>
    public static async Task<string> WaitForCardAsync(EmulatorUnderTest emulator, int count)
    {
        IReadOnlyList<string> ids = [];
        await TestWait.UntilAsync(async () => (ids = await emulator.CardIdsAsync()).Count >= count, $"card #{count} created");
        return ids[count - 1];
    }
}
