using DingGate.DingTalk.Stream;
using DingGate.DingTalk.Tests.Support;
using DingGate.Emulator;
using DingGate.Emulator.Recording;

namespace DingGate.DingTalk.Tests.Stream;

// Issue 11, "Frames": what the client puts on the wire, asserted on the emulator's recorded raw text.
public sealed class StreamWireFidelityTests
{
    [Fact]
    public async Task CallbackAck_RecordedRawText_IsPlainJsonLikeTheSdks()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        await using var harness = await StreamClientHarness.ConnectAsync(emu);

        await emu.InjectAsync("hi");
        await harness.NextDeliveryAsync();
        await TestWait.UntilAsync(() => emu.Recorder.Frames.Any(f => f.Direction == FrameDirection.In), "ACK recorded", TestWait.StreamTimeout);

        var ack = emu.Recorder.Frames.Single(f => f.Direction == FrameDirection.In).Text;
        Assert.Contains("\"data\":\"{\\\"response\\\":null}\"", ack, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u00", ack, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registration_RecordedBody_WritesPlusAndChineseAsThemselves()
    {
        // The secret is redacted in the recording, so the client id carries the characters the default encoder escapes.
        const string clientId = "ding+应用";
        await using var emu = await DingTalkTestEmulator.StartAsync(o =>
            o.Apps.Add(new EmulatedAppOptions { ClientId = clientId, ClientSecret = "plus-secret", Name = "Plus" }));
        await using var harness = await StreamClientHarness.ConnectAsync(emu, a => a with { ClientId = clientId, ClientSecret = "plus-secret", RobotCode = clientId });

        var body = emu.Calls("/v1.0/gateway/connections/open").Single().RequestBody;

        Assert.StartsWith("{\"clientId\":\"ding+应用\",", body, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisconnectWithoutMessageId_StillWarmReconnects_NothingSentBackOnTheOldLink()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync(o => o.DisconnectGrace = TimeSpan.FromMinutes(5));
        await using var harness = await StreamClientHarness.ConnectAsync(emu);
        var oldId = (await emu.ConnectionsAsync()).Single()!["id"]!.GetValue<string>();

        await emu.SendAsync(HttpMethod.Post, "/_emulator/connections/disconnect", new { withoutMessageId = true });
        await harness.WaitForStateAsync(StreamConnectionState.Connected, count: 2);

        var disconnect = emu.Recorder.Frames.Single(f => f.ConnectionId == oldId && f.Direction == FrameDirection.Out).Text;
        Assert.Contains("\"disconnect\"", disconnect, StringComparison.Ordinal);
        Assert.DoesNotContain("messageId", disconnect, StringComparison.Ordinal);
        Assert.DoesNotContain(emu.Recorder.Frames, f => f.ConnectionId == oldId && f.Direction == FrameDirection.In);
        Assert.DoesNotContain(harness.History, h => h.State == StreamConnectionState.Reconnecting); // go-away, not a drop
        Assert.Equal(2, emu.RegistrationCalls());
        await TestWait.UntilAsync(async () => (await emu.ConnectionsAsync()).Single(c => c!["id"]!.GetValue<string>() == oldId)!["state"]!.GetValue<string>() == "closed",
            "old link released by the client before the grace period", TestWait.StreamTimeout);
    }
}
