using DingGate.Core.Configuration.Loading;

namespace DingGate.Core.Tests.Configuration;

/// <summary>The loader on the issue-13 corpus: every error case is refused with its path, quickly, without reading or waiting.</summary>
public sealed class HostileConfigLoaderTests : IDisposable
{
    private static readonly Uri Endpoints = new("http://127.0.0.1:9/");

    private readonly ConfigFiles _files = new();

    [Theory]
    [MemberData(nameof(HostileConfigs.Names), MemberType = typeof(HostileConfigs))]
    public async Task Load_HostileConfig_ErrorNamesPathOrLoads(string name)
    {
        var hostile = HostileConfigs.Create(name, Path.Combine(_files.Home, name), Endpoints);

        // A FIFO must not block and /dev/zero must not be read to the end: the load returns (or throws) at once.
        var load = Task.Run(() => new ConfigLoader().Load(_files.Source(hostile.ConfigPath)));
        var finished = await Task.WhenAny(load, Task.Delay(TimeSpan.FromSeconds(30)));

        Assert.Same(load, finished);
        if (hostile.IsWarning)
        {
            Assert.NotNull(await load);
            return;
        }

        var error = await Assert.ThrowsAsync<ConfigException>(() => load);
        Assert.True(error.Errors.Any(e => e.Path == hostile.Path && e.Reason.Contains(hostile.Fragment, StringComparison.Ordinal)), $"{name}: {error.Message}");
        Assert.DoesNotContain(HostileConfigs.Secret, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DuplicatePolicy_AllowedDuplicatesWarnAndTheLastWins()
    {
        var hostile = HostileConfigs.Create("duplicate-policy", _files.Home, Endpoints);

        var loaded = new ConfigLoader { AllowDuplicateKeys = true }.Load(_files.Source(hostile.ConfigPath));

        Assert.Equal(Core.Configuration.DmPolicy.Open, loaded.Config.Channels.Dingtalk!.DmPolicy);
        var warning = Assert.Single(loaded.Warnings);
        Assert.Equal("channels.dingtalk.dmPolicy", warning.Path);
        Assert.Contains("duplicate key at lines 6 and 8: the value at line 8 is used (--allow-duplicates)", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DuplicateKey_ErrorNamesBothLinesAndTheEscapeHatch()
    {
        var error = _files.LoadFails("{\n  channels: { dingtalk: { clientId: 'a', clientSecret: 'b' } },\n  channels: { dingtalk: { clientId: 'a', clientSecret: 'b' } },\n}");

        var only = Assert.Single(error.Errors);
        Assert.Equal("channels", only.Path);
        Assert.Contains("duplicate key at lines 2 and 3", only.Reason, StringComparison.Ordinal);
        Assert.Contains("--allow-duplicates", only.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_OpenClawPluginKeysUnderDingTalk_AreWarnings()
    {
        var loaded = _files.Load("""{ channels: { dingtalk: { clientId: "a", clientSecret: "b", ackReaction: "👀", accounts: { main: { clientId: "m", mediaMaxMb: 5 } } } } }""");

        Assert.Equal(["channels.dingtalk.ackReaction", "channels.dingtalk.accounts.main.mediaMaxMb"], loaded.Warnings.Select(w => w.Path));
        Assert.All(loaded.Warnings, w => Assert.Equal("OpenClaw key, not used by DingGate (ignored)", w.Message));
    }

    [Theory]
    [InlineData("""dmPolcy: "allowlist" """, "channels.dingtalk.dmPolcy", "did you mean 'dmPolicy'?")]
    [InlineData("""ClientId: "x" """, "channels.dingtalk.ClientId", "keys are case-sensitive: did you mean 'clientId'?")]
    [InlineData("""accounts: { main: { clientId: "m", groupPolicyy: "open" } }""", "channels.dingtalk.accounts.main.groupPolicyy", "did you mean 'groupPolicy'?")]
    [InlineData("""accounts: { main: { clientId: "m", outboxMaxAttempt: 3 } }""", "channels.dingtalk.accounts.main.outboxMaxAttempt", "did you mean 'outboxMaxAttempts'?")]
    [InlineData("colour: 'red'", "channels.dingtalk.colour", "unknown key; unknown keys are refused under channels.dingtalk")]
    public void Load_UnknownKeyUnderDingTalk_IsAnErrorWithTheHint(string keys, string path, string reason)
    {
        var error = _files.LoadFails($$"""{ channels: { dingtalk: { clientId: "a", clientSecret: "b", {{keys}} } } }""");

        var only = Assert.Single(error.Errors);
        Assert.Equal(path, only.Path);
        Assert.Contains(reason, only.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SecretFileOfExactlyTheLimit_IsRead()
    {
        var file = _files.Write("limit.txt", new string('k', 64 * 1024));

        var loaded = _files.Load($$"""{ channels: { dingtalk: { clientId: "a", clientSecret: "${file:{{file.Replace("\\", "\\\\", StringComparison.Ordinal)}}}" } } }""");

        Assert.Equal(64 * 1024, loaded.Config.Channels.Dingtalk!.ClientSecret!.Length);
    }

    [Fact]
    public void Load_SecretFileBehindASymlink_IsRead()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var target = _files.Write("real-secret", "linked\n");
        var link = Path.Combine(_files.Home, "secret-link");
        File.CreateSymbolicLink(link, target);

        var loaded = _files.Load($$"""{ channels: { dingtalk: { clientId: "a", clientSecret: "${file:{{link}}}" } } }""");

        Assert.Equal("linked", loaded.Config.Channels.Dingtalk!.ClientSecret);
    }

    [Fact]
    public void Load_ConfigFileLargerThanOneMebibyte_IsRefused()
    {
        var path = _files.Write("huge.json5", "{ gateway: { logLevel: 'error' } }" + new string(' ', 1024 * 1024));

        var error = Assert.Throws<ConfigException>(() => new ConfigLoader().Load(_files.Source(path)));

        Assert.Contains("it is larger than the limit of 1048576 bytes", Assert.Single(error.Errors).Reason, StringComparison.Ordinal);
    }

    public void Dispose() => _files.Dispose();
}
