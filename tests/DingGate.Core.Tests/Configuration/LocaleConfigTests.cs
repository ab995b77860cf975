using DingGate.Core.Configuration;
using DingGate.Core.Texts;

namespace DingGate.Core.Tests.Configuration;

// channels.dingtalk.locale (issue 16): the language of the texts the bot sends, per account, zh-CN by default.
public sealed class LocaleConfigTests : IDisposable
{
    private readonly ConfigFiles _files = new();

    [Fact]
    public void Load_DefaultZhCn_TopLevelAndAccountOverride()
    {
        var loaded = _files.Load("""
            { channels: { dingtalk: { clientSecret: "s", locale: "en",
              accounts: { a: { clientId: "dinga" }, b: { clientId: "dingb", locale: "zh-CN" } } } } }
            """);
        var defaults = _files.Load("""{ channels: { dingtalk: { clientId: "dingabc", clientSecret: "s" } } }""");

        var accounts = loaded.Config.Channels.Dingtalk!.Resolve().ToDictionary(a => a.Id);
        Assert.Equal(BotLocale.En, accounts["a"].Locale);
        Assert.Equal(BotLocale.ZhCn, accounts["b"].Locale);
        Assert.Equal(BotLocale.ZhCn, Assert.Single(defaults.Config.Channels.Dingtalk!.Resolve()).Locale);
        Assert.Equal(BotLocale.En, BotLocales.ForAccount(loaded.Config, "a"));
        Assert.Equal(BotLocale.ZhCn, BotLocales.ForAccount(loaded.Config, "b"));
        Assert.Equal(BotLocale.ZhCn, BotLocales.ForAccount(defaults.Config, "default"));
        Assert.Empty(loaded.Warnings);
    }

    [Fact]
    public void Load_UnknownLocale_ErrorNamesThePathAndTheChoices()
    {
        var error = _files.LoadFails("""{ channels: { dingtalk: { clientSecret: "s", accounts: { a: { clientId: "dinga", locale: "fr" } } } } }""");

        var only = Assert.Single(error.Errors);
        Assert.Equal("channels.dingtalk.accounts.a.locale", only.Path);
        Assert.Contains("zh-CN, en", only.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void LiveConfig_Replace_NewCurrentVersionAndOneChangedEvent()
    {
        var first = new DinggateConfig();
        var second = new DinggateConfig();
        var live = new LiveConfig(first);
        var changes = new List<LiveConfigChange>();
        live.Changed += (_, change) => changes.Add(change);

        live.Replace(second);

        Assert.Same(second, live.Current);
        Assert.Equal(2, live.Version);
        var change = Assert.Single(changes);
        Assert.Same(first, change.Previous);
        Assert.Same(second, change.Current);
    }

    public void Dispose() => _files.Dispose();
}
