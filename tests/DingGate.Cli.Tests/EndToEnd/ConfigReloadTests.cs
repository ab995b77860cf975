using System.Text.RegularExpressions;
using DingGate.Cli.Tests.Support;
using DingGate.DingTalk.Tests.Support;
using DingGate.Tests.Shared;

namespace DingGate.Cli.Tests.EndToEnd;

/// <summary>
/// Issue 16 item 6, config hot reload, as a user meets it: <c>dinggate gateway --config file</c> runs in-process against
/// the emulator, the test edits the file on disk, and the next messages (the emulator's recorded traffic) show what the
/// gateway applied without a restart: a policy in place without re-registering the stream, a broken edit refused with
/// its path and reason (the old behaviour kept), a changed client secret reconnecting that account only, a changed model
/// answering, and a secret the edit added masked in every log.
/// </summary>
public sealed class ConfigReloadTests : IDisposable
{
    private static readonly TimeSpan ReloadTimeout = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _dir = new();

    public ConfigReloadTests() => Directory.CreateDirectory(_dir.Path);

    [Fact]
    public async Task DmPolicyOpenToAllowlist_AppliesToTheNextDm_WithoutReRegisteringTheStream()
    {
        await using var emu = await EmulatorUnderTest.StartAsync(demoApp: true);
        var state = Path.Combine(_dir.Path, "state");
        var file = Path.Combine(_dir.Path, "dinggate.json5");
        string Config(string policy) => $$"""
            {
              gateway: { stateDir: "{{state}}", adminPort: 0 },
              models: { default: { provider: "demo" } },
              channels: { dingtalk: {
                dmPolicy: "{{policy}}", allowFrom: ["user002"], messageType: "markdown",
                clientId: "{{EmulatorUnderTest.DemoClientId}}", clientSecret: "{{EmulatorUnderTest.DemoClientSecret}}",
                endpoints: { api: "{{emu.BaseUrl}}", oapi: "{{emu.BaseUrl}}" },
              } },
            }
            """;
        await File.WriteAllTextAsync(file, Config("open"));

        await using var run = await StartGatewayAsync(file);
        var connection = await emu.WaitForNewConnectionAsync([]);
        await emu.SendDmAsync("first while open", from: "user001");
        var first = await WaitForMessageAsync(emu, 1);
        var registrations = (await emu.CallsAsync(Routes.ConnectionOpen)).Count;

        await File.WriteAllTextAsync(file, Config("allowlist"));
        await WaitForLogAsync(run, "Config reloaded from", 1);
        await emu.SendDmAsync("second after the edit", from: "user001");
        var second = await WaitForMessageAsync(emu, 2);

        Assert.Contains("first while open", first, StringComparison.Ordinal);
        Assert.DoesNotContain("second after the edit", second, StringComparison.Ordinal); // the demo model did not answer
        Assert.Contains("user001", second, StringComparison.Ordinal); // the denial names the user id to allow
        Assert.Equal(registrations, (await emu.CallsAsync(Routes.ConnectionOpen)).Count);
        Assert.Contains(connection, await emu.ActiveConnectionsAsync());
        Assert.Matches(@"changed channels\.dingtalk\.dmPolicy; DingTalk accounts: updated in place default", run.Output.ToString());
        Assert.Equal(0, await run.StopAsync());
    }

    [Fact]
    public async Task LocaleEnToZhCn_HelpAndDenialSwitchLanguage_WithoutReRegisteringTheStream()
    {
        await using var emu = await EmulatorUnderTest.StartAsync(demoApp: true);
        var state = Path.Combine(_dir.Path, "state");
        var file = Path.Combine(_dir.Path, "dinggate.json5");
        string Config(string locale) => $$"""
            {
              gateway: { stateDir: "{{state}}", adminPort: 0 },
              models: { default: { provider: "demo" } },
              channels: { dingtalk: {
                locale: "{{locale}}", dmPolicy: "allowlist", allowFrom: ["user001"], messageType: "markdown",
                clientId: "{{EmulatorUnderTest.DemoClientId}}", clientSecret: "{{EmulatorUnderTest.DemoClientSecret}}",
                endpoints: { api: "{{emu.BaseUrl}}", oapi: "{{emu.BaseUrl}}" },
              } },
            }
            """;
        await File.WriteAllTextAsync(file, Config("en"));
        await using var run = await StartGatewayAsync(file);
        var connection = await emu.WaitForNewConnectionAsync([]);
        await emu.SendDmAsync("/help", from: "user001");
        var helpEn = await WaitForMessageAsync(emu, 1);
        await emu.SendDmAsync("hello", from: "user002");
        var denialEn = await WaitForMessageAsync(emu, 2);
        var registrations = (await emu.CallsAsync(Routes.ConnectionOpen)).Count;

        await File.WriteAllTextAsync(file, Config("zh-CN"));
        await WaitForLogAsync(run, "Config reloaded from", 1);
        await emu.SendDmAsync("/help", from: "user001");
        var helpZh = await WaitForMessageAsync(emu, 3);
        await emu.SendDmAsync("你好", from: "user002");
        var denialZh = await WaitForMessageAsync(emu, 4);

        Assert.Contains("**Commands**", helpEn, StringComparison.Ordinal);
        Assert.Contains("Sorry, I'm not enabled for you yet", denialEn, StringComparison.Ordinal);
        Assert.Contains("**可用命令**", helpZh, StringComparison.Ordinal);
        Assert.Contains("抱歉，我还没有为你开通", denialZh, StringComparison.Ordinal);
        Assert.Equal(registrations, (await emu.CallsAsync(Routes.ConnectionOpen)).Count);
        Assert.Contains(connection, await emu.ActiveConnectionsAsync());
        Assert.Equal(0, await run.StopAsync());
    }

    [Fact]
    public async Task BrokenEdits_SyntaxErrorAndInvalidValue_AreLoggedWithPathAndReason_AndTheRunningConfigStays()
    {
        await using var emu = await EmulatorUnderTest.StartAsync(demoApp: true);
        var state = Path.Combine(_dir.Path, "state");
        var file = Path.Combine(_dir.Path, "dinggate.json5");
        string Config(string policy, string tail = "") => $$"""
            {
              gateway: { stateDir: "{{state}}", adminPort: 0 },
              models: { default: { provider: "demo" } },
              channels: { dingtalk: {
                dmPolicy: "{{policy}}", messageType: "markdown",
                clientId: "{{EmulatorUnderTest.DemoClientId}}", clientSecret: "{{EmulatorUnderTest.DemoClientSecret}}",
                endpoints: { api: "{{emu.BaseUrl}}", oapi: "{{emu.BaseUrl}}" },
              } },
            }{{tail}}
            """;
        await File.WriteAllTextAsync(file, Config("open"));
        await using var run = await StartGatewayAsync(file);
        await emu.WaitForNewConnectionAsync([]);

        // A syntax error (an editor saved half a line) together with a policy that would lock user001 out.
        await File.WriteAllTextAsync(file, Config("allowlist", "\n  oops: [1, 2"));
        await WaitForLogAsync(run, "Config reload refused", 1);
        await emu.SendDmAsync("after the syntax error", from: "user001");
        var afterSyntax = await WaitForMessageAsync(emu, 1);

        // Valid JSON5, but not a policy.
        await File.WriteAllTextAsync(file, Config("sometimes"));
        await WaitForLogAsync(run, "Config reload refused", 2);
        await emu.SendDmAsync("after the bad value", from: "user001");
        var afterValue = await WaitForMessageAsync(emu, 2);

        var output = run.Output.ToString();
        Assert.Contains("after the syntax error", afterSyntax, StringComparison.Ordinal);
        Assert.Contains("after the bad value", afterValue, StringComparison.Ordinal);
        Assert.Matches(Regex.Escape(file) + @":\d+:\d+: not valid JSON5", output);
        Assert.Contains("channels.dingtalk.dmPolicy: ", output, StringComparison.Ordinal);
        Assert.Contains("sometimes", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Config reloaded from", output, StringComparison.Ordinal);
        Assert.DoesNotContain(EmulatorUnderTest.DemoClientSecret, output + run.Error, StringComparison.Ordinal);
        Assert.Equal(0, await run.StopAsync());
    }

    [Fact]
    public async Task ClientSecretFixed_ReconnectsThatAccountOnly_TheOtherConnectionStays()
    {
        await using var emu = await EmulatorUnderTest.StartAsync(demoApp: true);
        const string secondId = "dingreloadsecond";
        var secondSecret = "second-secret-" + Guid.NewGuid().ToString("N");
        await emu.SendAsync(HttpMethod.Post, "/_emulator/apps", new { clientId = secondId, clientSecret = secondSecret, name = "Second Bot" });
        var state = Path.Combine(_dir.Path, "state");
        var file = Path.Combine(_dir.Path, "dinggate.json5");
        string Config(string secret) => $$"""
            {
              gateway: { stateDir: "{{state}}", adminPort: 0 },
              models: { default: { provider: "demo" } },
              channels: { dingtalk: {
                dmPolicy: "open", messageType: "markdown",
                endpoints: { api: "{{emu.BaseUrl}}", oapi: "{{emu.BaseUrl}}" },
                accounts: {
                  main: { clientId: "{{EmulatorUnderTest.DemoClientId}}", clientSecret: "{{EmulatorUnderTest.DemoClientSecret}}" },
                  second: { clientId: "{{secondId}}", clientSecret: "{{secret}}" },
                },
              } },
            }
            """;
        await File.WriteAllTextAsync(file, Config("a-mistyped-secret"));
        await using var run = await StartGatewayAsync(file);
        var main = await emu.WaitForNewConnectionAsync([]);
        await TestWait.UntilAsync(() => run.Output.ToString().Contains("second", StringComparison.Ordinal) && (run.Output.ToString().Contains("credentials", StringComparison.OrdinalIgnoreCase)), "the second account's rejected credentials", ReloadTimeout);
        Assert.Empty(await ConnectionsOfAsync(emu, secondId));

        await File.WriteAllTextAsync(file, Config(secondSecret));
        await WaitForLogAsync(run, "Config reloaded from", 1);
        await TestWait.UntilAsync(async () => (await ConnectionsOfAsync(emu, secondId)).Count == 1, "the second account connected", ReloadTimeout);

        var opens = await emu.CallsAsync(Routes.ConnectionOpen);
        Assert.Single(opens, c => (string?)c.Body["clientId"] == EmulatorUnderTest.DemoClientId);
        Assert.Contains(main, await emu.ActiveConnectionsAsync());
        Assert.Equal([main], await ConnectionsOfAsync(emu, EmulatorUnderTest.DemoClientId));
        Assert.Contains("reconnecting second (clientSecret)", run.Output.ToString(), StringComparison.Ordinal);

        // The second account answers.
        await emu.InjectAsync(new { clientId = secondId, from = "user001", conversation = "dm", text = "hello second" });
        Assert.Contains("hello second", await WaitForMessageAsync(emu, 1), StringComparison.Ordinal);
        Assert.Equal(0, await run.StopAsync());
        var logs = string.Join('\n', Directory.GetFiles(Path.Combine(state, "logs"), "*.jsonl").Select(File.ReadAllText));
        Assert.DoesNotContain(secondSecret, run.Output + "\n" + run.Error + logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModelEdits_SwitchTheAnsweringModel_AndASecretTheEditAddedIsMaskedInTheLogs()
    {
        var addedKey = "sk-reload-ADDED" + Guid.NewGuid().ToString("N");
        await using var model = await ScriptedOpenAiServer.StartAsync();
        model.Script = request => (string?)request.Body["model"] == "model-b"
            ? new ScriptedModelReply { StatusCode = 401, ErrorMessage = $"Incorrect API key provided: {addedKey}. Check the key." }
            : ScriptedModelReply.Text("answer of " + (string?)request.Body["model"]);
        await using var emu = await EmulatorUnderTest.StartAsync(demoApp: true);
        var state = Path.Combine(_dir.Path, "state");
        var file = Path.Combine(_dir.Path, "dinggate.json5");
        string Config(string defaultModel, string agentModel, string otherModel) => $$"""
            {
              gateway: { stateDir: "{{state}}", adminPort: 0 },
              models: {
                default: { provider: "openai", baseUrl: "{{model.BaseUrl}}", model: "{{defaultModel}}", apiKey: "sk-start-key-0001" },
                {{otherModel}}
              },
              agents: { default: { model: "{{agentModel}}" } },
              channels: { dingtalk: {
                dmPolicy: "open", messageType: "markdown",
                clientId: "{{EmulatorUnderTest.DemoClientId}}", clientSecret: "{{EmulatorUnderTest.DemoClientSecret}}",
                endpoints: { api: "{{emu.BaseUrl}}", oapi: "{{emu.BaseUrl}}" },
              } },
            }
            """;
        await File.WriteAllTextAsync(file, Config("model-a", "default", string.Empty));
        await using var run = await StartGatewayAsync(file);
        await emu.WaitForNewConnectionAsync([]);
        await emu.SendDmAsync("one");
        Assert.Equal("model-a", (string?)(await model.WaitForRequestAsync(1)).Body["model"]);
        Assert.Contains("answer of model-a", await WaitForMessageAsync(emu, 1), StringComparison.Ordinal);

        // models.default changes its model id: the same model name gets a new client.
        await File.WriteAllTextAsync(file, Config("model-a2", "default", string.Empty));
        await WaitForLogAsync(run, "Config reloaded from", 1);
        await emu.SendDmAsync("two");
        Assert.Equal("model-a2", (string?)(await model.WaitForRequestAsync(2)).Body["model"]);
        Assert.Contains("answer of model-a2", await WaitForMessageAsync(emu, 2), StringComparison.Ordinal);

        // agents.default moves to a model the edit adds, with an API key the gateway never saw; the provider quotes it.
        await File.WriteAllTextAsync(file, Config("model-a2", "other", $$"""other: { provider: "openai", baseUrl: "{{model.BaseUrl}}", model: "model-b", apiKey: "{{addedKey}}" },"""));
        await WaitForLogAsync(run, "Config reloaded from", 2);
        await emu.SendDmAsync("three");
        Assert.Equal("model-b", (string?)(await model.WaitForRequestAsync(3)).Body["model"]);
        await WaitForMessageAsync(emu, 3);
        await TestWait.UntilAsync(() => run.Output.ToString().Contains("Incorrect API key provided", StringComparison.Ordinal), "the provider's error in the log", ReloadTimeout);
        Assert.Equal(0, await run.StopAsync());

        var console = run.Output + "\n" + run.Error;
        var logs = string.Join('\n', Directory.GetFiles(Path.Combine(state, "logs"), "*.jsonl").Select(File.ReadAllText));
        Assert.Contains("Incorrect API key provided: ***", console, StringComparison.Ordinal);
        Assert.Contains("Incorrect API key provided: ***", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(addedKey, console, StringComparison.Ordinal);
        Assert.DoesNotContain(addedKey, logs, StringComparison.Ordinal);
        Assert.Contains("agents.default.model, models.other", console, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();

    private static async Task<CliRun> StartGatewayAsync(string file)
    {
        var run = CliRun.Start("gateway", "--config", file);
        await TestWait.UntilAsync(() => run.Output.ToString().Contains("Press Ctrl+C to stop.", StringComparison.Ordinal) || run.Completion.IsCompleted, "the gateway banner");
        Assert.False(run.Completion.IsCompleted, "the gateway exited early: " + run.Error);
        await TestWait.UntilAsync(() => run.Output.ToString().Contains("Watching ", StringComparison.Ordinal), "the config watcher started");
        return run;
    }

    // Waits (real time, generous: change events, else the 5 s poll) until the log shows the line `count` times.
    private static Task WaitForLogAsync(CliRun run, string line, int count) =>
        TestWait.UntilAsync(() => Occurrences(run.Output.ToString(), line) >= count, $"'{line}' logged {count} time(s)", ReloadTimeout);

    private static int Occurrences(string text, string part)
    {
        var (count, at) = (0, 0);
        while ((at = text.IndexOf(part, at, StringComparison.Ordinal)) >= 0)
        {
            (count, at) = (count + 1, at + part.Length);
        }

        return count;
    }

    // The text of the bot's `count`-th message (webhook or OpenAPI).
    private static async Task<string> WaitForMessageAsync(EmulatorUnderTest emu, int count)
    {
        IReadOnlyList<RecordedCall> messages = [];
        await TestWait.UntilAsync(async () => (messages = await Wire.MessagesAsync(emu)).Count >= count, $"the bot's message #{count}", ReloadTimeout);
        var body = messages[count - 1].Body;
        return Wire.WebhookText(body) + ((string?)body["msgParam"] ?? string.Empty);
    }

    private static async Task<IReadOnlyList<string>> ConnectionsOfAsync(EmulatorUnderTest emu, string clientId) =>
        [.. (await emu.SendAsync(HttpMethod.Get, "/_emulator/connections"))!.AsArray()
            .Where(c => (string?)c!["state"] == "active" && (string?)c["clientId"] == clientId).Select(c => (string)c!["id"]!)];

    private static class Routes
    {
        public const string ConnectionOpen = "/v1.0/gateway/connections/open";
    }
}
