using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DingGate.Cli.Gateway;
using DingGate.Cli.Tests.Support;
using DingGate.Core.Configuration.Loading;
using DingGate.Core.Storage;
using DingGate.Emulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DingGate.Cli.Tests.Admin;

// gateway status and pairing approve against a gateway running on the same state directory, connected to the emulator.
public sealed class LiveGatewayVerbTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "dinggate-live-verbs-" + Guid.NewGuid().ToString("N"));
    private readonly EmulatorHost _emulator = EmulatorHost.Create(new EmulatorOptions { Port = 0 });
    private readonly HttpClient _http = new();
    private string _config = string.Empty;
    private IHost? _gateway;

    public async Task InitializeAsync()
    {
        await _emulator.StartAsync();
        Directory.CreateDirectory(_dir);
        _config = Path.Combine(_dir, "dinggate.json");
        await File.WriteAllTextAsync(_config, $$"""
            { channels: { dingtalk: { clientId: "dingdemoappkey", clientSecret: "demo-secret", dmPolicy: "pairing", messageType: "markdown",
                endpoints: { api: "{{_emulator.BaseUrl}}", oapi: "{{_emulator.BaseUrl}}" } } },
              gateway: { stateDir: "./state", adminPort: 0 } }
            """);
    }

    [Fact]
    public async Task Status_NoGateway_Exit3NotRunning()
    {
        var (code, output, _) = await CliRun.RunAsync("gateway", "status", "--config", _config);

        Assert.Equal(3, code);
        Assert.Contains("not running", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_RunningAndConnected_Exit0TableAndJson()
    {
        var pairing = await StartGatewayAsync();
        await WaitUntilAsync(async () => (await CliRun.RunAsync("gateway", "status", "--config", _config)).ExitCode == 0);

        var (code, output, _) = await CliRun.RunAsync("gateway", "status", "--config", _config);
        var json = await CliRun.RunAsync("gateway", "status", "--config", _config, "--json");

        Assert.Equal(0, code);
        Assert.Contains("Gateway: running", output, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^default\s+connected\s", output);
        var status = JsonNode.Parse(json.Output)!;
        Assert.True(status["ready"]!.GetValue<bool>());
        Assert.Equal("default", status["accounts"]![0]!["id"]!.GetValue<string>());
        Assert.Contains("Reply outbox (default): all answers delivered", output, StringComparison.Ordinal);
        Assert.Equal(0, status["accounts"]![0]!["outbox"]!["pending"]!.GetValue<int>());
        Assert.NotNull(pairing);
    }

    [Fact]
    public async Task Status_AfterTheEmulatorDropsTheSocket_ShowsTheReconnect()
    {
        await StartGatewayAsync();
        await WaitUntilAsync(async () => (await CliRun.RunAsync("gateway", "status", "--config", _config)).ExitCode == 0);

        using var drop = await _http.PostAsJsonAsync(new Uri(_emulator.BaseUrl, "/_emulator/connections/drop"), new { clientId = "dingdemoappkey" });
        string output = string.Empty;
        await WaitUntilAsync(async () =>
        {
            var run = await CliRun.RunAsync("gateway", "status", "--config", _config);
            output = run.Output;
            return run.ExitCode == 0 && System.Text.RegularExpressions.Regex.IsMatch(output, @"(?m)^default\s+connected\s+\S+ \S+\s+\S+\s+1\s");
        });

        Assert.Matches(@"(?m)^ACCOUNT\s+STATE\s+CONNECTED SINCE\s+LAST INBOUND\s+RECONNECTS", output);
    }

    [Fact]
    public async Task PairingApprove_GatewayRunning_UserToldInTheirChatAndThenAnswered()
    {
        var pairing = await StartGatewayAsync();
        await WaitUntilAsync(async () => (await CliRun.RunAsync("gateway", "status", "--config", _config)).ExitCode == 0);
        await InjectAsync("hello?");
        var request = await WaitForPendingAsync(pairing);

        var (code, output, _) = await CliRun.RunAsync("pairing", "approve", request.Code, "--config", _config);

        Assert.Equal(0, code);
        Assert.Contains("Approved user001; they were told", output, StringComparison.Ordinal);
        Assert.True(await pairing.IsApprovedAsync("default", "user001", CancellationToken.None));
        var conversation = await ConversationTextAsync(request.ConversationId);
        Assert.Contains(conversation, t => t.Contains(request.Code, StringComparison.Ordinal)); // the code the bot sent
        Assert.True(conversation.Count >= 3, string.Join(" | ", conversation)); // hello, the code, the approval notice
    }

    public async Task DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.StopAsync();
            _gateway.Dispose();
        }

        await _emulator.DisposeAsync();
        _http.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task<IPairingStore> StartGatewayAsync()
    {
        var loaded = new ConfigLoader().Load(ConfigSource.FromProcess(_config));
        _gateway = GatewayHost.Build(new GatewayHostSettings { Config = loaded.Config, StateDirectory = loaded.StateDirectory });
        await _gateway.StartAsync();
        return _gateway.Services.GetRequiredService<IPairingStore>();
    }

    private async Task InjectAsync(string text)
    {
        using var response = await _http.PostAsJsonAsync(new Uri(_emulator.BaseUrl, "/_emulator/messages"),
            new { clientId = "dingdemoappkey", from = "user001", msgtype = "text", text, conversation = "dm" });
        response.EnsureSuccessStatusCode();
    }

    private static async Task<PairingRequest> WaitForPendingAsync(IPairingStore store)
    {
        PairingRequest? found = null;
        await WaitUntilAsync(async () =>
        {
            var pending = await store.ListPendingAsync("default", DateTimeOffset.UtcNow, CancellationToken.None);
            found = pending.Count > 0 ? pending[0] : null;
            return found is not null;
        });
        return found!;
    }

    private async Task<List<string>> ConversationTextAsync(string conversationId)
    {
        List<string> texts = [];
        await WaitUntilAsync(async () =>
        {
            var entries = await _http.GetFromJsonAsync<JsonArray>(new Uri(_emulator.BaseUrl, "/_emulator/conversations/" + Uri.EscapeDataString(conversationId)));
            texts = entries!.Select(e => e!.ToJsonString()).ToList();
            return texts.Count >= 3;
        });
        return texts;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            await Task.Delay(50, timeout.Token);
        }
    }
}
