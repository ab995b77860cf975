using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DingGate.Cli.Tests.Support;
using DingGate.Emulator;

namespace DingGate.Cli.Tests.Operations;

// dinggate message send against the emulator: what reaches DingTalk's robot API.
public sealed class MessageSendTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "dinggate-message-" + Guid.NewGuid().ToString("N"));
    private readonly EmulatorHost _emulator = EmulatorHost.Create(new EmulatorOptions { Port = 0 });
    private readonly HttpClient _http = new();
    private string _config = string.Empty;

    public async Task InitializeAsync()
    {
        await _emulator.StartAsync();
        Directory.CreateDirectory(_dir);
        _config = Path.Combine(_dir, "dinggate.json");
        await WriteConfigAsync("demo-secret");
    }

    [Fact]
    public async Task Send_MarkdownToUser_OneBatchSendWithSampleMarkdown()
    {
        var (code, output, _) = await CliRun.RunAsync("message", "send", "--config", _config, "--to", "user:user001", "--markdown", "**hello** from the CLI");

        var calls = await CallsAsync("/v1.0/robot/oToMessages/batchSend");
        Assert.Equal(0, code);
        Assert.Contains("Sent to user:user001", output, StringComparison.Ordinal);
        var body = JsonNode.Parse(Assert.Single(calls)["requestBody"]!.GetValue<string>())!;
        Assert.Equal("sampleMarkdown", body["msgKey"]!.GetValue<string>());
        Assert.Equal(["user001"], body["userIds"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Contains("**hello** from the CLI", body["msgParam"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_TextAndFile_TextThenUploadedFile()
    {
        var file = Path.Combine(_dir, "report.pdf");
        await File.WriteAllTextAsync(file, "%PDF-1.4 quarterly numbers");

        var (code, _, _) = await CliRun.RunAsync("message", "send", "--config", _config, "--to", "user:user001", "see attached", "--file", file);

        Assert.Equal(0, code);
        Assert.Single(await CallsAsync("/media/upload"));
        var sends = await CallsAsync("/v1.0/robot/oToMessages/batchSend");
        Assert.Equal(["sampleText", "sampleFile"], sends.Select(c => JsonNode.Parse(c["requestBody"]!.GetValue<string>())!["msgKey"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Send_FileTypeDingTalkRefuses_Exit1BeforeAnyUpload()
    {
        var file = Path.Combine(_dir, "notes.txt");
        await File.WriteAllTextAsync(file, "plain text");

        var (code, _, error) = await CliRun.RunAsync("message", "send", "--config", _config, "--to", "user:user001", "--file", file);

        Assert.Equal(1, code);
        Assert.Contains("does not take '.txt' files", error, StringComparison.Ordinal);
        Assert.Empty(await CallsAsync("/media/upload"));
    }

    [Fact]
    public async Task Send_UnknownStaffId_Exit1NamingTarget()
    {
        var (code, _, error) = await CliRun.RunAsync("message", "send", "--config", _config, "--to", "user:nobody", "hi");

        Assert.Equal(1, code);
        Assert.Contains("user:nobody", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_UserWhoBlockedTheBot_Exit1WithTheFilteredOutcome()
    {
        var (code, output, error) = await CliRun.RunAsync("message", "send", "--config", _config, "--to", "user:blocker001", "hi");

        Assert.Equal(1, code);
        Assert.DoesNotContain("Sent to", output, StringComparison.Ordinal);
        Assert.Contains("user:blocker001", error, StringComparison.Ordinal);
        Assert.Contains("filtered", error, StringComparison.Ordinal);
        var answer = JsonNode.Parse(Assert.Single(await CallsAsync("/v1.0/robot/oToMessages/batchSend"))["responseBody"]!.GetValue<string>())!;
        Assert.Equal("[\"blocker001\"]", answer["filteredStaffIdList"]!.ToJsonString());
    }

    [Fact]
    public async Task Send_WrongSecret_Exit1SaysCredentialsWithoutTheSecret()
    {
        await WriteConfigAsync("wrong-secret-value");

        var (code, output, error) = await CliRun.RunAsync("message", "send", "--config", _config, "--to", "user:user001", "hi");

        Assert.Equal(1, code);
        Assert.Contains("check clientId and clientSecret", error, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret-value", output + error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--to", "bogus", "hi", "is not a message target")]
    [InlineData("--to", "user:user001", "", "nothing to send")]
    public async Task Send_BadArguments_Exit2(string option, string value, string text, string expected)
    {
        var (code, _, error) = await CliRun.RunAsync("message", "send", "--config", _config, option, value, text);

        Assert.Equal(2, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Empty(await CallsAsync("/v1.0/robot/oToMessages/batchSend"));
    }

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        _http.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private Task WriteConfigAsync(string secret) => File.WriteAllTextAsync(_config, $$"""
        { channels: { dingtalk: { clientId: "dingdemoappkey", clientSecret: "{{secret}}",
            endpoints: { api: "{{_emulator.BaseUrl}}", oapi: "{{_emulator.BaseUrl}}" } } },
          gateway: { stateDir: "./state" } }
        """);

    private async Task<List<JsonObject>> CallsAsync(string path)
    {
        var calls = await _http.GetFromJsonAsync<JsonArray>(new Uri(_emulator.BaseUrl, "/_emulator/traffic/http"));
        return calls!.OfType<JsonObject>().Where(c => c["path"]?.GetValue<string>() == path).ToList();
    }
}
