using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DingGate.Cli.Tests.Support;

namespace DingGate.Cli.Tests.Sandbox;

public sealed class SandboxCommandTests
{
    [Fact]
    public async Task Help_Sandbox_SaysHonestlyWhatItRunsToday()
    {
        var (code, output, _) = await CliRun.RunAsync("sandbox", "--help");

        Assert.Equal(0, code);
        Assert.Contains("--port", output, StringComparison.Ordinal);
        Assert.Contains("not part of the sandbox yet", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Sandbox_ServesDemoAppAndControlPageUntilStopped()
    {
        await using var run = CliRun.Start("sandbox", "--port", "0");
        var url = await run.WaitForListeningAsync();
        using var http = new HttpClient { BaseAddress = url };

        using var token = await http.PostAsJsonAsync("/v1.0/oauth2/accessToken", new { appKey = "dingdemoappkey", appSecret = "demo-secret" });
        var tokenBody = await token.Content.ReadFromJsonAsync<JsonObject>();
        var page = await http.GetStringAsync("/");
        var code = await run.StopAsync();

        Assert.False(string.IsNullOrEmpty(tokenBody!["accessToken"]!.GetValue<string>()));
        Assert.Contains("DingTalk emulator", page, StringComparison.Ordinal);
        Assert.Contains("Sandbox:", run.Output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("demo-secret", run.Output.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, code);
    }
}
