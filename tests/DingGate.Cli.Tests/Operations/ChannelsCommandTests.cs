using DingGate.Cli.Tests.Support;
using DingGate.Core.Configuration.Loading;
using DingGate.Emulator;

namespace DingGate.Cli.Tests.Operations;

public sealed class ChannelsCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "dinggate-channels-" + Guid.NewGuid().ToString("N"));
    private readonly string _file;

    public ChannelsCommandTests()
    {
        Directory.CreateDirectory(_dir);
        _file = Path.Combine(_dir, "dinggate.json");
    }

    [Fact]
    public async Task Add_WizardWithPipedAnswers_WritesTheSevenStepsAnswers()
    {
        // plugin, client id, secret, legacy ids? yes: robot code, corp id, agent id; cards? yes: template id, key; dm; group
        const string answers = "1\ndingwizard\n${WIZ_SECRET:-s}\ny\nrobot01\ncorp01\n\ny\ntpl.schema\ncontent\npairing\nallowlist\n";

        var (code, output, error) = await RunAsync(answers, "channels", "add");

        var account = Load().Config.Channels.Dingtalk!.Resolve().Single();
        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.Contains("7. Group chat policy", output, StringComparison.Ordinal);
        Assert.Equal(("dingwizard", "s", "robot01", "card", "tpl.schema", "content"),
            (account.ClientId, account.ClientSecret, account.RobotCode, account.MessageType, account.CardTemplateId, account.CardTemplateKey));
        Assert.Equal((Core.Configuration.DmPolicy.Pairing, Core.Configuration.GroupPolicy.Allowlist), (account.DmPolicy, account.GroupPolicy));
    }

    [Fact]
    public async Task Add_WizardBadChoiceThenGood_AsksAgain()
    {
        const string answers = "dingtalk\ndingx\nsecret\nn\nn\nmaybe\nopen\nopen\n";

        var (code, output, _) = await RunAsync(answers, "channels", "add");

        Assert.Equal(0, code);
        Assert.Contains("choose one of open, pairing, allowlist", output, StringComparison.Ordinal);
        Assert.Equal("markdown", Load().Config.Channels.Dingtalk!.MessageType);
    }

    [Fact]
    public async Task Add_NoTerminalNoAnswers_Exit2PointsAtFlags()
    {
        var (code, _, error) = await RunAsync(string.Empty, "channels", "add");

        Assert.Equal(2, code);
        Assert.Contains("pass --client-id and --client-secret", error, StringComparison.Ordinal);
        Assert.False(File.Exists(_file));
    }

    [Fact]
    public async Task Add_FlagsForSecondAccount_TopLevelAppMovedToDefault()
    {
        await RunAsync(string.Empty, "channels", "add", "--client-id", "dingfirst", "--client-secret", "one");

        var (code, output, _) = await RunAsync(string.Empty, "channels", "add", "--channel", "dingtalk", "--account", "sales",
            "--client-id", "dingsales", "--client-secret", "two", "--message-type", "markdown", "--dm-policy", "allowlist");

        var accounts = Load().Config.Channels.Dingtalk!.Resolve();
        Assert.Equal(0, code);
        Assert.Contains("moved to channels.dingtalk.accounts.default", output, StringComparison.Ordinal);
        Assert.Equal(["default:dingfirst", "sales:dingsales"], accounts.Select(a => a.Id + ":" + a.ClientId).Order());
    }

    [Fact]
    public async Task Add_KeyValueForm_LikeTheSeed()
    {
        await RunAsync(string.Empty, "channels", "add", "channels.dingtalk.clientId", "dingxxx");
        await RunAsync(string.Empty, "channels", "add", "channels.dingtalk.clientSecret", "xxx");
        var (code, _, _) = await RunAsync(string.Empty, "channels", "add", "channels.dingtalk.corpId", "dingcorp");

        Assert.Equal(0, code);
        var account = Load().Config.Channels.Dingtalk!.Resolve().Single();
        Assert.Equal(("dingxxx", "xxx"), (account.ClientId, account.ClientSecret));
    }

    [Theory]
    [InlineData("--client-id", "only-id")]
    [InlineData("--channel", "telegram")]
    [InlineData("--account", "bad id")]
    [InlineData("channels.other.x", "1")]
    public async Task Add_BadArguments_Exit2(string first, string second)
    {
        var (code, _, _) = await RunAsync(string.Empty, "channels", "add", first, second);

        Assert.Equal(2, code);
        Assert.False(File.Exists(_file));
    }

    [Fact]
    public async Task ListAndRemove_Accounts()
    {
        await RunAsync(string.Empty, "channels", "add", "--account", "a1", "--client-id", "dinga1", "--client-secret", "s1");
        await RunAsync(string.Empty, "channels", "add", "--account", "a2", "--client-id", "dinga2", "--client-secret", "s2", "--message-type", "card");

        var list = await RunAsync(string.Empty, "channels", "list");
        var removed = await RunAsync(string.Empty, "channels", "remove", "--account", "a1");
        var again = await RunAsync(string.Empty, "channels", "remove", "--account", "a1");

        Assert.Matches(@"(?m)^a1\s+yes\s+dinga1\s+markdown", list.Output);
        Assert.Matches(@"(?m)^a2\s+yes\s+dinga2\s+card", list.Output);
        Assert.DoesNotContain("s1", list.Output.Replace("dinga1", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(0, removed.ExitCode);
        Assert.Equal(1, again.ExitCode);
        Assert.Equal(["a2"], Load().Config.Channels.Dingtalk!.Resolve().Select(a => a.Id));
    }

    [Fact]
    public async Task StatusProbe_AgainstEmulator_GoodSecretGreen_WrongSecretFailsWithoutLeaking()
    {
        await using var emulator = EmulatorHost.Create(new EmulatorOptions { Port = 0 });
        await emulator.StartAsync();
        await RunAsync(string.Empty, "channels", "add", "--account", "good", "--client-id", "dingdemoappkey", "--client-secret", "demo-secret");
        await RunAsync(string.Empty, "channels", "add", "--account", "bad", "--client-id", "dingdemoappkey", "--client-secret", "not-the-secret");
        await RunAsync(string.Empty, "config", "set", "channels.dingtalk.endpoints", $"{{ api: '{emulator.BaseUrl}', oapi: '{emulator.BaseUrl}' }}");

        var (code, output, _) = await RunAsync(string.Empty, "channels", "status", "--probe");

        Assert.Equal(1, code);
        Assert.Contains("good (dingdemoappkey): enabled, gateway not running\n  ✓ credentials: access token issued\n  ✓ stream: registration accepted", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("✗ credentials:", output, StringComparison.Ordinal);
        Assert.Contains("check clientId and clientSecret", output, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-secret", output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private LoadedConfig Load() => new ConfigLoader().Load(ConfigSource.Create(_file, _ => null, _dir));

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(string input, params string[] args)
    {
        var output = new CapturingWriter();
        var error = new CapturingWriter();
        using var reader = new StringReader(input);
        var code = await DinggateCli.RunAsync([.. args, "--config", _file], reader, output, error, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
        return (code, output.ToString(), error.ToString());
    }
}
