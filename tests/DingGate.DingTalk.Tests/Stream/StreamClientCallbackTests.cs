using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using DingGate.DingTalk.Stream;
using DingGate.DingTalk.Tests.Support;
using DingGate.Emulator.Recording;

namespace DingGate.DingTalk.Tests.Stream;

public sealed class StreamClientCallbackTests
{
    [Fact]
    public async Task CardCallback_AckedWithEmptyResponse_AndDelivered()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync(o => o.PingInterval = TimeSpan.Zero);
        await using var harness = await StreamClientHarness.ConnectAsync(emu);

        var (status, pushed) = await emu.SendAsync(HttpMethod.Post, "/_emulator/stream/push", new
        {
            clientId = DingTalkTestEmulator.ClientId, type = "CALLBACK", topic = "/v1.0/card/instances/callback",
            data = new { type = "actionCallback", outTrackId = "card_1", userId = "user001", content = "{}" },
        });
        var delivery = await harness.NextDeliveryAsync();

        Assert.Equal(200, status);
        Assert.Equal("/v1.0/card/instances/callback", delivery.Topic);
        Assert.Equal(pushed!["messageId"]!.GetValue<string>(), delivery.MessageKey);
        await TestWait.UntilAsync(() => emu.Recorder.Frames.Any(f => f.Direction == FrameDirection.In), "card ack", TestWait.StreamTimeout);
        var ack = JsonNode.Parse(emu.Recorder.Frames.Single(f => f.Direction == FrameDirection.In).Text)!;
        Assert.Equal("{\"response\":{}}", ack["data"]!.GetValue<string>());
    }

    [Fact]
    public async Task Metrics_CountFramesAckLatencyAndReconnects()
    {
        var measurements = new List<(string Name, double Value, string? Type)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == StreamMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            string? type = null;
            var ours = false;
            foreach (var tag in tags)
            {
                type = tag.Key == "type" ? tag.Value as string : type;
                ours |= tag.Key == "account" && tag.Value as string == "metrics-test";
            }

            if (!ours)
            {
                return; // the listener is process-wide; other tests run in parallel
            }

            lock (measurements)
            {
                measurements.Add((instrument.Name, value, type));
            }
        }

        listener.SetMeasurementEventCallback<long>((i, v, t, _) => Record(i, v, t));
        listener.SetMeasurementEventCallback<double>((i, v, t, _) => Record(i, v, t));
        listener.Start();
        await using var emu = await DingTalkTestEmulator.StartAsync(o => o.PingInterval = TimeSpan.Zero);
        await using var harness = await StreamClientHarness.ConnectAsync(emu, a => a with { Id = "metrics-test" });

        await emu.InjectAsync("m");
        await harness.NextDeliveryAsync();
        await emu.SendAsync(HttpMethod.Post, "/_emulator/connections/drop", new { });
        await harness.WaitForStateAsync(StreamConnectionState.Reconnecting);
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        await harness.WaitForStateAsync(StreamConnectionState.Connected, count: 2);

        List<(string Name, double Value, string? Type)> seen;
        lock (measurements)
        {
            seen = measurements.ToList();
        }

        Assert.Contains(("dinggate.dingtalk.stream.frames", 1d, "CALLBACK"), seen);
        Assert.Contains(seen, m => m.Name == "dinggate.dingtalk.stream.ack_latency" && m.Type == "CALLBACK");
        Assert.Single(seen, m => m.Name == "dinggate.dingtalk.stream.reconnects");
    }
}
