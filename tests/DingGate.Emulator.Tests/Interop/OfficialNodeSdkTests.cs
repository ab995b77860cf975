using System.Text.Json.Nodes;
using DingGate.Emulator.Recording;
using DingGate.Emulator.Tests.Support;

namespace DingGate.Emulator.Tests.Interop;

/// <summary>
/// The official DingTalk Stream SDK for Node (npm dingtalk-stream, pinned in tests/interop/package.json, unmodified)
/// against the emulator in TLS mode. The SDK's hard-coded https://api.dingtalk.com is mapped to the emulator by the
/// connect-to preload; it trusts the emulator's CA through NODE_EXTRA_CA_CERTS, so it cannot tell it from DingTalk.
/// </summary>
[Trait("Category", "Interop")]
public sealed class OfficialNodeSdkTests
{
    private const string RobotTopic = "/v1.0/im/bot/messages/get";

    [Fact]
    public async Task NodeSdk_AcksInjectedBotMessage_EmulatorRecordsTheAck()
    {
        await using var emu = await StartTlsEmulatorAsync();
        await using var peer = StartPeer(emu, "ack");
        await peer.WaitForAsync("connected");

        var injected = await InjectTextAsync(emu, "hello from the interop test");
        var received = await peer.WaitForAsync("message");

        var messageId = injected["messageId"]!.GetValue<string>();
        Assert.Equal(messageId, received["messageId"]!.GetValue<string>());
        Assert.Equal(injected["msgId"]!.GetValue<string>(), received["msgId"]!.GetValue<string>());
        Assert.Equal("hello from the interop test", received["text"]!.GetValue<string>());
        var ack = await WaitForAckAsync(emu, messageId);
        Assert.Equal(200, ack["code"]!.GetValue<int>());
        var ackData = JsonNode.Parse(ack["data"]!.GetValue<string>())!;
        Assert.Equal("dingtalk-stream-node", ackData["response"]!["handledBy"]!.GetValue<string>());

        // Acknowledged: the emulator's push record says so, and the redelivery window passes without a second push.
        var (_, pushes) = await emu.SendAsync(HttpMethod.Get, "/_emulator/pushes");
        var push = pushes!.AsArray().Single(p => p!["messageId"]!.GetValue<string>() == messageId)!;
        Assert.Equal("acked", push["state"]!.GetValue<string>());
        emu.Time.Advance(TimeSpan.FromSeconds(61));
        Assert.Single(OutgoingPushes(emu, messageId));
    }

    [Fact]
    public async Task NodeSdk_DoesNotAck_MessageIsRedeliveredWithSameMessageId()
    {
        await using var emu = await StartTlsEmulatorAsync();
        await using var peer = StartPeer(emu, "noack");
        await peer.WaitForAsync("connected");

        var injected = await InjectTextAsync(emu, "please answer");
        var first = await peer.WaitForAsync("message");
        emu.Time.Advance(TimeSpan.FromSeconds(61));
        var second = await peer.WaitForAsync("message");

        var messageId = injected["messageId"]!.GetValue<string>();
        Assert.Equal(messageId, first["messageId"]!.GetValue<string>());
        Assert.Equal(messageId, second["messageId"]!.GetValue<string>());
        Assert.Equal(first["msgId"]!.GetValue<string>(), second["msgId"]!.GetValue<string>());
        var pushes = OutgoingPushes(emu, messageId);
        Assert.Equal(2, pushes.Count);
        Assert.Equal(pushes[0].Text, pushes[1].Text);
    }

    private static async Task<TestEmulator> StartTlsEmulatorAsync()
    {
        var caPath = Path.Combine(Path.GetTempPath(), "dinggate-interop-" + Guid.NewGuid().ToString("N") + ".pem");
        return await TestEmulator.StartAsync(o =>
        {
            o.Tls = true;
            o.CaCertificatePath = caPath;
            o.PublicBaseUrl = new Uri("https://api.dingtalk.com/");
            o.CallbackRedeliveryWindow = TimeSpan.FromSeconds(60);
            o.CallbackRedeliveryAttempts = 1;
        });
    }

    private static NodePeer StartPeer(TestEmulator emu, string mode)
    {
        var port = emu.Host.BaseUrl.Port;
        var env = new Dictionary<string, string>
        {
            ["DINGTALK_CLIENT_ID"] = TestEmulator.ClientId,
            ["DINGTALK_CLIENT_SECRET"] = TestEmulator.ClientSecret,
            ["PEER_MODE"] = mode,
            ["NODE_EXTRA_CA_CERTS"] = emu.Host.CaCertificatePath!,
            ["DINGGATE_CONNECT_TO"] = $"api.dingtalk.com:443:127.0.0.1:{port},oapi.dingtalk.com:443:127.0.0.1:{port}",
        };
        return NodePeer.Start("stream-peer.mjs", env, "connect-to.cjs");
    }

    private static async Task<JsonObject> InjectTextAsync(TestEmulator emu, string text)
    {
        var (status, body) = await emu.SendAsync(HttpMethod.Post, "/_emulator/messages", new
        {
            clientId = TestEmulator.ClientId, from = "user001", conversation = "dm", msgtype = "text", text,
        });
        Assert.True(status == 200, $"inject failed: {status} {body?.ToJsonString()}");
        Assert.True(body!["delivered"]!.GetValue<bool>(), body.ToJsonString());
        return body.AsObject();
    }

    private static List<RecordedFrame> OutgoingPushes(TestEmulator emu, string messageId) =>
        emu.Recorder.Frames.Where(f => f.Direction == FrameDirection.Out && HeaderMessageId(f.Text) == messageId).ToList();

    private static async Task<JsonObject> WaitForAckAsync(TestEmulator emu, string messageId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            var ack = emu.Recorder.Frames.FirstOrDefault(f => f.Direction == FrameDirection.In && HeaderMessageId(f.Text) == messageId);
            if (ack is not null)
            {
                return JsonNode.Parse(ack.Text)!.AsObject();
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The emulator recorded no ACK for " + messageId);
    }

    private static string? HeaderMessageId(string frameText)
    {
        try
        {
            return JsonNode.Parse(frameText)?["headers"]?["messageId"]?.GetValue<string>();
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
