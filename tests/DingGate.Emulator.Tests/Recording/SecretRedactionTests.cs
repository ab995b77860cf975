using DingGate.Emulator.Tests.Support;

namespace DingGate.Emulator.Tests.Recording;

public sealed class SecretRedactionTests
{
    [Fact]
    public async Task Recorder_TokenAndRegistrationCalls_NeverKeepTheAppSecret()
    {
        await using var emu = await TestEmulator.StartAsync();

        await emu.GetTokenAsync();
        await emu.SendAsync(HttpMethod.Get, $"/gettoken?appkey={TestEmulator.ClientId}&appsecret={TestEmulator.ClientSecret}");
        await StreamTestClient.RegisterAsync(emu);
        var (_, traffic) = await emu.SendAsync(HttpMethod.Get, "/_emulator/traffic/http");

        Assert.Equal(3, emu.Recorder.HttpCalls.Count);
        Assert.DoesNotContain(TestEmulator.ClientSecret, traffic!.ToJsonString(), StringComparison.Ordinal);
        Assert.All(emu.Recorder.HttpCalls, c => Assert.DoesNotContain(TestEmulator.ClientSecret, c.RequestBody + c.Query, StringComparison.Ordinal));
        Assert.Equal("***", System.Text.Json.Nodes.JsonNode.Parse(emu.Recorder.HttpCalls[0].RequestBody)!["appSecret"]!.GetValue<string>());
        Assert.Contains("appsecret=***", emu.Recorder.HttpCalls[1].Query, StringComparison.Ordinal);
        Assert.Contains(TestEmulator.ClientId, emu.Recorder.HttpCalls[1].Query, StringComparison.Ordinal);
    }
}
