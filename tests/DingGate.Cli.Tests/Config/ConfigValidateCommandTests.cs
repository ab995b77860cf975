using DingGate.Cli.Tests.Support;
using DingGate.Core.Tests.Configuration;

namespace DingGate.Cli.Tests.Config;

public sealed class ConfigValidateCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "dinggate-cli-config-" + Guid.NewGuid().ToString("N"));

    public ConfigValidateCommandTests()
    {
        Directory.CreateDirectory(_dir);
    }

    [Theory]
    [MemberData(nameof(BrokenConfigs.Cases), MemberType = typeof(BrokenConfigs))]
    public async Task Validate_BrokenConfig_Exit78WithPathAndNoSecret(string name, string text, string path, string reason)
    {
        var file = Write(name + ".json5", text);

        var (code, output, error) = await CliRun.RunAsync("config", "validate", "--config", file);

        Assert.Equal(78, code);
        Assert.Contains($"error: {path}: ", error, StringComparison.Ordinal);
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.DoesNotContain(BrokenConfigs.Secret, output + error, StringComparison.Ordinal);
        Assert.DoesNotContain(BrokenConfigs.NumericSecret, output + error, StringComparison.Ordinal);
        Assert.DoesNotContain("Configuration OK", output, StringComparison.Ordinal);
    }

    [Fact]
    public void BrokenConfigs_AtLeastTwenty()
    {
        Assert.True(BrokenConfigs.Cases.Count >= 20);
    }

    [Fact]
    public async Task Validate_WrongValue_PrintsPathReasonAndValue()
    {
        var file = Write("c.json5", """{ channels: { dingtalk: { clientId: "a", clientSecret: "b", accounts: { main: { dmPolicy: "closed" } } } } }""");

        var (code, _, error) = await CliRun.RunAsync("config", "validate", "--config", file);

        Assert.Equal(78, code);
        Assert.Contains("error: channels.dingtalk.accounts.main.dmPolicy: must be one of open | pairing | allowlist (value: \"closed\")", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_ValidConfigWithUnknownKeysOutsideDingTalk_WarnsAndExitsZero()
    {
        var file = Write("ok.json5", """{ gateway: { colour: "red" }, channels: { dingtalk: { clientId: "a", clientSecret: "b", corpId: "ding1", ackReaction: "👀" } } }""");

        var (code, output, error) = await CliRun.RunAsync("config", "validate", "--config", file);

        Assert.Equal(0, code);
        Assert.Contains($"Configuration OK: {file}", output, StringComparison.Ordinal);
        Assert.Contains("warning: gateway.colour: unknown key, ignored", error, StringComparison.Ordinal);
        Assert.Contains("warning: channels.dingtalk.corpId: legacy", error, StringComparison.Ordinal);
        Assert.Contains("warning: channels.dingtalk.ackReaction: OpenClaw key, not used by DingGate", error, StringComparison.Ordinal);
    }

    // Issue 16: bindings copied from OpenClaw load; two with the same match warn, the file stays valid.
    [Fact]
    public async Task Validate_OpenClawBindingsWithADuplicateMatch_WarnsAndExitsZero()
    {
        var file = Write("bindings.json5", """
            { agents: { sales: {}, help: {} },
              bindings: [
                { agentId: "sales", match: { channel: "dingtalk", accountId: "default", peer: { kind: "group", id: "cidSales==" } } },
                { channel: "dingtalk", account: "default", peer: "group:cidSales==", agent: "help" },
                { agentId: "help", match: { channel: "dingtalk", peer: { kind: "direct", id: "user003" } } },
              ],
              channels: { dingtalk: { clientId: "a", clientSecret: "b", groups: { "cidSales==": { systemPrompt: "只谈销售。", sessionScope: "per-member" } } } } }
            """);

        var (code, output, error) = await CliRun.RunAsync("config", "validate", "--config", file);

        Assert.Equal(0, code);
        Assert.Contains($"Configuration OK: {file}", output, StringComparison.Ordinal);
        Assert.Contains("warning: bindings[1]: matches the same messages as bindings[0]", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_UnknownKeyUnderDingTalk_Exit78WithDidYouMean()
    {
        var file = Write("typo.json5", """{ channels: { dingtalk: { clientId: "a", clientSecret: "b", colour: "red", accounts: { main: { clientId: "m", dmPolcy: "allowlist" } } } } }""");

        var (code, output, error) = await CliRun.RunAsync("config", "validate", "--config", file);

        Assert.Equal(78, code);
        Assert.Contains("error: channels.dingtalk.colour: unknown key; unknown keys are refused under channels.dingtalk", error, StringComparison.Ordinal);
        Assert.Contains("error: channels.dingtalk.accounts.main.dmPolcy: unknown key (did you mean 'dmPolicy'?)", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Configuration OK", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_NoEnabledAccount_Exit78AsTheGatewayDoes()
    {
        var file = Write("models-only.json5", """{ models: { default: { provider: "demo" } } }""");

        var (code, _, error) = await CliRun.RunAsync("config", "validate", "--config", file);

        Assert.Equal(78, code);
        Assert.Contains("error: channels.dingtalk: no enabled account", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_MissingFile_Exit78NamingPathAndOnboard()
    {
        var file = Path.Combine(_dir, "absent.json");

        var (code, _, error) = await CliRun.RunAsync("config", "validate", "--config", file);

        Assert.Equal(78, code);
        Assert.Contains(file, error, StringComparison.Ordinal);
        Assert.Contains("dinggate onboard", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_SyntaxError_Exit78WithLineAndColumn()
    {
        var file = Write("syntax.json5", "{\n  channels: {\n    dingtalk: { clientId: 'a' clientSecret: 'b' },\n  },\n}");

        var (code, _, error) = await CliRun.RunAsync("config", "validate", "--config", file);

        Assert.Equal(78, code);
        Assert.Matches($@"error: {System.Text.RegularExpressions.Regex.Escape(file)}:3:\d+: not valid JSON5", error);
    }

    [Fact]
    public async Task Validate_UnknownOption_ExitCode2()
    {
        var (code, _, error) = await CliRun.RunAsync("config", "validate", "--frobnicate");

        Assert.Equal(2, code);
        Assert.StartsWith("dinggate config validate: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportOpenClaw_Sample_WritesConfigThatValidates()
    {
        var openclaw = Write("openclaw.json", """
            {
              channels: {
                dingtalk: {
                  enabled: true,
                  dmPolicy: "pairing",
                  requireMention: true,
                  accounts: { main: { clientId: "dingxxx", clientSecret: "xxx", agentId: "xxx", corpId: "xxx", name: "My AI Assistant" } },
                },
              },
            }
            """);
        var target = Path.Combine(_dir, "out", "dinggate.json");

        var (code, output, error) = await CliRun.RunAsync("config", "import-openclaw", openclaw, "--config", target);
        var (validateCode, validateOutput, _) = await CliRun.RunAsync("config", "validate", "--config", target);

        Assert.Equal(0, code);
        Assert.Contains("Imported", output, StringComparison.Ordinal);
        Assert.Contains("warning: channels.dingtalk.requireMention: unknown to DingGate, not imported", error, StringComparison.Ordinal);
        Assert.Contains("    dingtalk: {\n      enabled: true,\n      dmPolicy: \"pairing\",\n", File.ReadAllText(target), StringComparison.Ordinal);
        Assert.Equal(0, validateCode);
        Assert.Contains("Configuration OK", validateOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportOpenClaw_TargetExists_RefusesWithoutForce()
    {
        var openclaw = Write("openclaw.json", """{ channels: { dingtalk: { clientId: "a", clientSecret: "b" } } }""");
        var target = Write("existing.json", "{}");

        var (code, _, error) = await CliRun.RunAsync("config", "import-openclaw", openclaw, "--config", target);

        Assert.Equal(1, code);
        Assert.Contains("--force", error, StringComparison.Ordinal);
        Assert.Equal("{}", File.ReadAllText(target));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }
}
