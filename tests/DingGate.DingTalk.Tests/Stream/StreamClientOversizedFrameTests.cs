using System.Text.Json.Nodes;
using DingGate.Core.Storage;
using DingGate.DingTalk.Stream;
using DingGate.DingTalk.Tests.Support;
using DingGate.Emulator.Recording;

namespace DingGate.DingTalk.Tests.Stream;

/// <summary>
/// Frames over the client's limit (issue 12 item 5; default 1 MiB): ACKed with code 200 and the reason (so the server
/// does not redeliver a frame that would fail the same way), journaled as failed with the reason, never delivered; the
/// link keeps working. The emulator's own frame cap is raised to push one.
/// </summary>
public sealed class StreamClientOversizedFrameTests
{
    [Fact]
    public async Task OversizedBotMessage_AckedWithTheReason_JournaledFailed_NotDelivered_AndTheLinkGoesOn()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync(o =>
        {
            o.PingInterval = TimeSpan.Zero;
            o.MaxFrameBytes = 4 * 1024 * 1024;
        });
        await using var harness = await StreamClientHarness.ConnectAsync(emu);
        var limit = new StreamClientOptions().MaxFrameBytes;

        var (status, pushed) = await emu.SendAsync(HttpMethod.Post, "/_emulator/stream/push", new
        {
            clientId = DingTalkTestEmulator.ClientId, type = "CALLBACK", topic = "/v1.0/im/bot/messages/get",
            data = new { msgId = "msgHuge01", msgtype = "text", conversationType = "1", text = new { content = new string('x', limit + 100_000) } },
        });
        Assert.Equal(200, status);
        var messageId = pushed!["messageId"]!.GetValue<string>();
        await TestWait.UntilAsync(() => emu.Recorder.Frames.Any(f => f.Direction == FrameDirection.In && f.Text.Contains(messageId, StringComparison.Ordinal)), "the ACK of the oversized frame", TestWait.StreamTimeout);

        var ack = JsonNode.Parse(emu.Recorder.Frames.Single(f => f.Direction == FrameDirection.In && f.Text.Contains(messageId, StringComparison.Ordinal)).Text)!;
        Assert.Equal(200, ack["code"]!.GetValue<int>());
        Assert.StartsWith("frame too large: ", ack["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains($"over the client's limit of {limit} bytes", ack["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var entry = await harness.Journal.FindAsync(harness.Account.Id, messageId, CancellationToken.None);
        Assert.NotNull(entry);
        Assert.Equal(InboundState.Failed, entry.State);
        Assert.Equal("/v1.0/im/bot/messages/get", entry.Topic);
        Assert.Equal(ack["message"]!.GetValue<string>(), entry.Detail);
        var push = (await emu.PushesAsync()).Single(p => (string?)p!["messageId"] == messageId)!;
        Assert.Equal(1, (int)push["attempts"]!); // ACKed: not redelivered
        Assert.Equal("acked", (string?)push["state"]);

        // The next (normal) message on the same link is delivered.
        await emu.SendAsync(HttpMethod.Post, "/_emulator/stream/push", new
        {
            clientId = DingTalkTestEmulator.ClientId, type = "CALLBACK", topic = "/v1.0/im/bot/messages/get",
            data = new { msgId = "msgSmall01", msgtype = "text", conversationType = "1", text = new { content = "hi" } },
        });
        var delivery = await harness.NextDeliveryAsync();
        Assert.Equal("msgSmall01", delivery.MessageKey);
        Assert.Equal(1, harness.History.Count(s => s.State == StreamConnectionState.Connected)); // no reconnect
    }
}
