using DingGate.Cli.Tests.Support;

namespace DingGate.Cli.Tests.Config;

public sealed class ConfigGetSetCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "dinggate-config-set-" + Guid.NewGuid().ToString("N"));
    private readonly string _file;

    public ConfigGetSetCommandTests()
    {
        Directory.CreateDirectory(_dir);
        _file = Path.Combine(_dir, "dinggate.json");
    }

    [Fact]
    public async Task Set_OneKeyAtATimeFromNothing_EachWrittenAndWhatIsMissingListed()
    {
        var first = await Run("set", "channels.dingtalk.clientId", "dingabc");
        var second = await Run("set", "channels.dingtalk.clientSecret", "${DINGTALK_SECRET:-x}");
        var third = await Run("set", "channels.dingtalk.cardStreamInterval", "800");
        var validate = await Run("validate");

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("still needed: channels.dingtalk.clientSecret", first.Error, StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
        Assert.Equal(0, third.ExitCode);
        Assert.Equal(0, validate.ExitCode);
        Assert.Equal("800", (await Run("get", "channels.dingtalk.cardStreamInterval")).Output.Trim());
        Assert.Equal("${DINGTALK_SECRET:-x}", (await Run("get", "channels.dingtalk.clientSecret")).Output.Trim());
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_file));
        }
    }

    [Fact]
    public async Task Set_InvalidValue_Exit78FileUnchanged()
    {
        await File.WriteAllTextAsync(_file, "// mine\n{ channels: { dingtalk: { clientId: 'a', clientSecret: 'b' } } }\n");

        var (code, _, error) = await Run("set", "channels.dingtalk.dmPolicy", "maybe");

        Assert.Equal(78, code);
        Assert.Contains("channels.dingtalk.dmPolicy: must be one of open | pairing | allowlist", error, StringComparison.Ordinal);
        Assert.Equal("// mine\n{ channels: { dingtalk: { clientId: 'a', clientSecret: 'b' } } }\n", await File.ReadAllTextAsync(_file));
    }

    [Fact]
    public async Task Set_ExistingFile_BackupKeptAndValueTyped()
    {
        await File.WriteAllTextAsync(_file, "{ channels: { dingtalk: { clientId: 'a', clientSecret: 'b' } } }");

        var number = await Run("set", "channels.dingtalk.clientId", "12345", "--string");
        var list = await Run("set", "channels.dingtalk.allowFrom", "['user001', 'user002']");

        Assert.Equal(0, number.ExitCode);
        Assert.Equal(0, list.ExitCode);
        Assert.True(File.Exists(_file + ".bak"));
        Assert.Equal("12345", (await Run("get", "channels.dingtalk.clientId")).Output.Trim());
        Assert.Equal("[\"user001\", \"user002\"]", (await Run("get", "channels.dingtalk.allowFrom")).Output.Trim());
    }

    [Fact]
    public async Task Get_LiteralSecrets_MaskedAlsoInsideObjects_RevealShowsThem()
    {
        await File.WriteAllTextAsync(_file, "{ channels: { dingtalk: { clientId: 'a', clientSecret: 'topsecret1', accounts: { x: { clientSecret: 'topsecret2' } } } } }");

        var direct = await Run("get", "channels.dingtalk.clientSecret");
        var tree = await Run("get", "channels");
        var revealed = await Run("get", "channels.dingtalk.clientSecret", "--reveal");

        Assert.Equal("***", direct.Output.Trim());
        Assert.DoesNotContain("topsecret", tree.Output, StringComparison.Ordinal);
        Assert.Contains("clientId: \"a\"", tree.Output, StringComparison.Ordinal);
        Assert.Equal("topsecret1", revealed.Output.Trim());
    }

    [Fact]
    public async Task GetAndUnset_NotSet_Exit1()
    {
        await File.WriteAllTextAsync(_file, "{ }");

        var get = await Run("get", "channels.dingtalk.clientId");
        var unset = await Run("unset", "channels.dingtalk.clientId");

        Assert.Equal(1, get.ExitCode);
        Assert.Contains("not set", get.Error, StringComparison.Ordinal);
        Assert.Equal(1, unset.ExitCode);
    }

    [Fact]
    public async Task Unset_Value_Removed()
    {
        await File.WriteAllTextAsync(_file, "{ channels: { dingtalk: { clientId: 'a', clientSecret: 'b', debug: true } } }");

        var (code, _, _) = await Run("unset", "channels.dingtalk.debug");

        Assert.Equal(0, code);
        Assert.Equal(1, (await Run("get", "channels.dingtalk.debug")).ExitCode);
    }

    [Fact]
    public async Task Set_ThroughAScalar_Exit2()
    {
        await File.WriteAllTextAsync(_file, "{ channels: { dingtalk: { clientId: 'a', clientSecret: 'b' } } }");

        var (code, _, error) = await Run("set", "channels.dingtalk.clientId.x", "1");

        Assert.Equal(2, code);
        Assert.Contains("'clientId' holds a String, not an object", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_BrokenJson5_Exit78WithPosition()
    {
        await File.WriteAllTextAsync(_file, "{ channels: { ");

        var (code, _, error) = await Run("get", "channels");

        Assert.Equal(78, code);
        Assert.Contains(_file, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Set_FileWithDuplicateKeys_Exit78NamingBothLinesAndNothingWritten()
    {
        const string Text = "{\n  channels: { dingtalk: { clientId: 'a', clientSecret: 'b',\n    dmPolicy: 'allowlist',\n    dmPolicy: 'open' } },\n}\n";
        await File.WriteAllTextAsync(_file, Text);

        var (code, _, error) = await Run("set", "channels.dingtalk.name", "Bot");

        Assert.Equal(78, code);
        Assert.Contains("channels.dingtalk.dmPolicy: duplicate key at lines 3 and 4", error, StringComparison.Ordinal);
        Assert.Equal(Text, await File.ReadAllTextAsync(_file));
    }

    [Fact]
    public async Task Set_MisspeltPolicyKey_Exit78WithDidYouMeanAndNothingWritten()
    {
        const string Text = "{ channels: { dingtalk: { clientId: 'a', clientSecret: 'b' } } }";
        await File.WriteAllTextAsync(_file, Text);

        var (code, _, error) = await Run("set", "channels.dingtalk.dmPolcy", "allowlist");

        Assert.Equal(78, code);
        Assert.Contains("error: channels.dingtalk.dmPolcy: unknown key (did you mean 'dmPolicy'?)", error, StringComparison.Ordinal);
        Assert.Equal(Text, await File.ReadAllTextAsync(_file));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private Task<(int ExitCode, string Output, string Error)> Run(params string[] args) =>
        CliRun.RunAsync(["config", .. args, "--config", _file]);
}
