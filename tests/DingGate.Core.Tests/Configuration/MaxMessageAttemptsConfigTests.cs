namespace DingGate.Core.Tests.Configuration;

// channels.dingtalk.maxMessageAttempts (issue 12): starts of handling before a message is given up as poison, per account.
public sealed class MaxMessageAttemptsConfigTests : IDisposable
{
    private readonly ConfigFiles _files = new();

    [Fact]
    public void Load_Default3_TopLevelAndAccountOverride()
    {
        var loaded = _files.Load("""
            { channels: { dingtalk: { clientSecret: "s", maxMessageAttempts: 5,
              accounts: { a: { clientId: "dinga" }, b: { clientId: "dingb", maxMessageAttempts: 1 } } } } }
            """);
        var defaults = _files.Load("""{ channels: { dingtalk: { clientId: "dingabc", clientSecret: "s" } } }""");

        var accounts = loaded.Config.Channels.Dingtalk!.Resolve().ToDictionary(a => a.Id);
        Assert.Equal(5, accounts["a"].MaxMessageAttempts);
        Assert.Equal(1, accounts["b"].MaxMessageAttempts);
        Assert.Equal(3, Assert.Single(defaults.Config.Channels.Dingtalk!.Resolve()).MaxMessageAttempts);
        Assert.Empty(loaded.Warnings);
    }

    [Fact]
    public void Load_AccountZero_ErrorNamesThePath()
    {
        var error = _files.LoadFails("""{ channels: { dingtalk: { clientSecret: "s", accounts: { a: { clientId: "dinga", maxMessageAttempts: 0 } } } } }""");

        var only = Assert.Single(error.Errors);
        Assert.Equal("channels.dingtalk.accounts.a.maxMessageAttempts", only.Path);
        Assert.Contains("at least 1", only.Reason, StringComparison.Ordinal);
    }

    public void Dispose() => _files.Dispose();
}
