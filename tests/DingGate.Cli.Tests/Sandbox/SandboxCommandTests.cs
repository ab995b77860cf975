using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DingGate.Cli.Sandbox;
using DingGate.Cli.Tests.Support;
using DingGate.Core.Configuration.Loading;
using DingGate.Core.Texts;

namespace DingGate.Cli.Tests.Sandbox;

public sealed partial class SandboxCommandTests : IDisposable
{
    private const string DemoSecret = SandboxRunner.DemoClientSecret;
    private readonly string _directory = Directory.CreateTempSubdirectory("dinggate-sandbox-cli-").FullName;

    [Fact]
    public async Task Help_Sandbox_DescribesGatewayAndPage()
    {
        var (code, output, _) = await CliRun.RunAsync("sandbox", "--help");

        Assert.Equal(0, code);
        Assert.Contains("--port", output, StringComparison.Ordinal);
        Assert.Contains("--config", output, StringComparison.Ordinal);
        Assert.Contains("gateway connected to it over the Stream protocol", output, StringComparison.Ordinal);
        Assert.Contains("chat page", output, StringComparison.Ordinal);
        Assert.Contains("offline demo model", output, StringComparison.Ordinal);
        Assert.DoesNotContain("not part of the sandbox yet", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Port0_DemoModelAnswersInjectedDmWithFinalizedCard()
    {
        await using var run = CliRun.Start("sandbox", "--port", "0", "--config", Path.Combine(_directory, "absent.json"));
        var url = await PageUrlAsync(run);
        using var http = new HttpClient { BaseAddress = url };

        var conversationId = await InjectAsync(http, "user001", "你好 sandbox");
        var card = await RunningSandbox.WaitUntilAsync(async () => await FinalizedCardAsync(http, conversationId), "the demo model's card");
        var page = await http.GetStringAsync("/");
        var code = await run.StopAsync();

        var text = RunningSandbox.CardText(card);
        Assert.Equal("FINISHED", card["state"]!.GetValue<string>());
        Assert.Contains(DemoTexts.Label.ZhCn, text, StringComparison.Ordinal);
        Assert.Contains("> 你好 sandbox", text, StringComparison.Ordinal);
        Assert.Contains("id=\"sandbox\"", page, StringComparison.Ordinal);
        Assert.Contains("Model: offline demo model", run.Output.ToString(), StringComparison.Ordinal);
        Assert.Contains("Sandbox stopped.", run.Output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(DemoSecret, run.Output + run.Error.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, code);
    }

    [Fact]
    public async Task Run_BrokenUserConfig_WarnsAndFallsBackToDemoModel()
    {
        var path = Path.Combine(_directory, "dinggate.json");
        await File.WriteAllTextAsync(path, """
            { models: { default: { provider: "openai", model: "gpt-x", apiKey: "sk-live-TOPSECRET-123" } },
              channels: { dingtalk: { dmPolicy: "sometimes" } } }
            """);
        await using var run = CliRun.Start("sandbox", "--port", "0", "--config", path);
        var url = await PageUrlAsync(run);
        using var http = new HttpClient { BaseAddress = url };

        var conversationId = await InjectAsync(http, "user002", "still there?");
        var card = await RunningSandbox.WaitUntilAsync(async () => await FinalizedCardAsync(http, conversationId), "the demo model's card");
        var code = await run.StopAsync();

        var error = run.Error.ToString();
        Assert.Contains("warning: " + path + " does not load", error, StringComparison.Ordinal);
        Assert.Contains("channels.dingtalk.dmPolicy", error, StringComparison.Ordinal);
        Assert.Contains("offline demo model", error, StringComparison.Ordinal);
        Assert.Contains("Model: offline demo model", run.Output.ToString(), StringComparison.Ordinal);
        Assert.Contains(DemoTexts.Label.ZhCn, RunningSandbox.CardText(card), StringComparison.Ordinal);
        Assert.DoesNotContain("TOPSECRET", run.Output + error, StringComparison.Ordinal);
        Assert.DoesNotContain(DemoSecret, run.Output + error, StringComparison.Ordinal);
        Assert.Equal(0, code);
    }

    [Fact]
    public async Task UserConfigAsync_BrokenJson5_WarnsWithPositionAndReturnsNull()
    {
        var path = Path.Combine(_directory, "broken.json5");
        await File.WriteAllTextAsync(path, "{ models: { default: { apiKey: 'sk-live-TOPSECRET-456' ");
        using var error = new StringWriter();

        var config = await SandboxCommand.UserConfigAsync(Source(path), error);

        Assert.Null(config);
        Assert.Contains("not valid JSON5", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("The sandbox uses the offline demo model.", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("TOPSECRET", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserConfigAsync_ValidConfig_ReturnsItsModels()
    {
        var path = Path.Combine(_directory, "good.json");
        await File.WriteAllTextAsync(path, """{ models: { default: { provider: "openai", model: "qwen-plus", apiKey: "sk-x" } } }""");
        using var error = new StringWriter();

        var config = await SandboxCommand.UserConfigAsync(Source(path), error);

        Assert.Equal("qwen-plus", config!.Models["default"].Model);
        Assert.Equal(string.Empty, error.ToString());
    }

    [Fact]
    public async Task UserConfigAsync_NoFile_ReturnsNullSilently()
    {
        using var error = new StringWriter();

        var config = await SandboxCommand.UserConfigAsync(Source(Path.Combine(_directory, "none.json")), error);

        Assert.Null(config);
        Assert.Equal(string.Empty, error.ToString());
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private ConfigSource Source(string path) => ConfigSource.Create(path, _ => null, _directory);

    private static async Task<Uri> PageUrlAsync(CliRun run) => await RunningSandbox.WaitUntilAsync(() =>
    {
        if (run.Completion.IsCompleted)
        {
            throw new InvalidOperationException($"dinggate sandbox exited with {run.Completion.Result}: {run.Error}");
        }

        var match = OpenUrl().Match(run.Output.ToString());
        return Task.FromResult(match.Success ? new Uri(match.Groups["url"].Value) : null);
    }, "the sandbox banner");

    private static async Task<string> InjectAsync(HttpClient http, string from, string text)
    {
        using var response = await http.PostAsJsonAsync("/_emulator/messages", new { from, text });
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.True(body!["delivered"]!.GetValue<bool>(), $"not pushed: {body}");
        return body["conversationId"]!.GetValue<string>();
    }

    private static async Task<JsonObject?> FinalizedCardAsync(HttpClient http, string conversationId)
    {
        var cards = await http.GetFromJsonAsync<JsonArray>("/_emulator/cards");
        var done = cards!.Select(c => c!.AsObject()).FirstOrDefault(c => c["finalized"]!.GetValue<bool>() && !c["spinning"]!.GetValue<bool>()
            && c["spaces"]!.AsArray().Any(s => s!["conversationId"]?.GetValue<string>() == conversationId));
        return done is null ? null : await http.GetFromJsonAsync<JsonObject>($"/_emulator/cards/{Uri.EscapeDataString(done["outTrackId"]!.GetValue<string>())}");
    }

    [GeneratedRegex(@"Open (?<url>http://\S+) and chat")]
    private static partial Regex OpenUrl();
}
