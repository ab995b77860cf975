namespace DingGate.Core.Tests.Configuration;

// channels.dingtalk.keepAliveInterval (issue 11): the Stream link's WebSocket PING interval, per account.
public sealed class KeepAliveIntervalConfigTests : IDisposable
{
    private readonly ConfigFiles _files = new();

    [Fact]
    public void Load_Default20Seconds_TopLevelAndAccountOverride()
    {
        var loaded = _files.Load("""
            { channels: { dingtalk: { clientSecret: "s", keepAliveInterval: 30000,
              accounts: { a: { clientId: "dinga" }, b: { clientId: "dingb", keepAliveInterval: 5000 } } } } }
            """);
        var defaults = _files.Load("""{ channels: { dingtalk: { clientId: "dingabc", clientSecret: "s" } } }""");

        var accounts = loaded.Config.Channels.Dingtalk!.Resolve().ToDictionary(a => a.Id);
        Assert.Equal(TimeSpan.FromSeconds(30), accounts["a"].KeepAliveInterval);
        Assert.Equal(TimeSpan.FromSeconds(5), accounts["b"].KeepAliveInterval);
        Assert.Equal(TimeSpan.FromSeconds(20), Assert.Single(defaults.Config.Channels.Dingtalk!.Resolve()).KeepAliveInterval);
        Assert.Empty(loaded.Warnings);
    }

    [Fact]
    public void Load_BelowOneSecond_ClearError()
    {
        var error = _files.LoadFails("""{ channels: { dingtalk: { clientId: "dingabc", clientSecret: "s", keepAliveInterval: 500 } } }""");

        var only = Assert.Single(error.Errors);
        Assert.Equal("channels.dingtalk.keepAliveInterval", only.Path);
        Assert.Contains("at least 1000", only.Reason, StringComparison.Ordinal);
    }

    public void Dispose() => _files.Dispose();
}
