using DingGate.Core.Configuration;

namespace DingGate.Core.Tests.Configuration;

public sealed class DingTalkChannelSettingsTests
{
    [Fact]
    public void Resolve_NoAccounts_TopLevelIsTheDefaultAccountWithOpenClawDefaults()
    {
        var settings = new DingTalkChannelSettings { ClientId = "dingabc", ClientSecret = "s3cret" };

        var account = Assert.Single(settings.Resolve());

        Assert.Equal(DingTalkChannelSettings.DefaultAccountId, account.Id);
        Assert.Equal("dingabc", account.RobotCode);
        Assert.Equal(DmPolicy.Open, account.DmPolicy);
        Assert.Equal(GroupPolicy.Open, account.GroupPolicy);
        Assert.Equal("markdown", account.MessageType);
        Assert.Equal("382e4302-551d-4880-bf29-a30acfab2e71.schema", account.CardTemplateId);
        Assert.Equal("msgContent", account.CardTemplateKey);
        Assert.Equal(TimeSpan.FromMilliseconds(500), account.CardStreamInterval);
        Assert.Equal(TimeSpan.FromMinutes(30), account.AicardDegradeDuration);
        Assert.True(account.ConvertMarkdownTables);
        Assert.Equal("emotion", account.ThinkingIndicator);
        Assert.Equal(10, account.MaxConnectionAttempts);
        Assert.Equal(TimeSpan.FromSeconds(1), account.InitialReconnectDelay);
        Assert.Equal(TimeSpan.FromSeconds(60), account.MaxReconnectDelay);
        Assert.Equal(0.3, account.ReconnectJitter);
        Assert.Equal(new Uri("https://api.dingtalk.com"), account.ApiBaseUrl);
        Assert.Equal(new Uri("https://oapi.dingtalk.com"), account.OapiBaseUrl);
        Assert.Equal(TimeSpan.FromHours(24), account.DedupTtl);
        Assert.Empty(account.AllowFrom);
    }

    [Theory]
    [InlineData(null, null, "msgContent")]
    [InlineData("382e4302-551d-4880-bf29-a30acfab2e71.schema", null, "msgContent")]
    [InlineData("my-own-template.schema", null, "content")]
    [InlineData("my-own-template.schema", "answer", "answer")]
    public void Resolve_CardTemplateKey_DefaultFollowsTheTemplate(string? templateId, string? key, string expected)
    {
        var settings = new DingTalkChannelSettings { ClientId = "dingabc", ClientSecret = "s", CardTemplateId = templateId, CardTemplateKey = key };

        Assert.Equal(expected, Assert.Single(settings.Resolve()).CardTemplateKey);
    }

    [Theory]
    [InlineData(50, 200)]
    [InlineData(200, 200)]
    [InlineData(1000, 1000)]
    public void Resolve_CardStreamInterval_RaisedToTheMinimum(int configured, int expectedMs)
    {
        var settings = new DingTalkChannelSettings { ClientId = "dingabc", ClientSecret = "s", CardStreamInterval = configured };

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), Assert.Single(settings.Resolve()).CardStreamInterval);
    }

    [Fact]
    public void Resolve_Accounts_OwnKeysOverrideTopLevelWhichOverridesDefaults()
    {
        var settings = new DingTalkChannelSettings
        {
            DmPolicy = DmPolicy.Pairing, AllowFrom = ["user001"], MaxReconnectDelay = 30_000,
            Endpoints = new DingTalkEndpoints { Api = new Uri("http://127.0.0.1:9580"), Oapi = new Uri("http://127.0.0.1:9580") },
        };
        settings.Accounts["main"] = new DingTalkAccountSettings { ClientId = "dingmain", ClientSecret = "a", Name = "Main" };
        settings.Accounts["ops"] = new DingTalkAccountSettings { ClientId = "dingops", ClientSecret = "b", DmPolicy = DmPolicy.Allowlist, RobotCode = "robot-ops" };

        var accounts = settings.Resolve();

        Assert.Equal(["main", "ops"], accounts.Select(a => a.Id));
        var main = accounts[0];
        var ops = accounts[1];
        Assert.Equal((DmPolicy.Pairing, "Main", "dingmain"), (main.DmPolicy, main.Name, main.RobotCode));
        Assert.Equal((DmPolicy.Allowlist, "robot-ops"), (ops.DmPolicy, ops.RobotCode));
        Assert.Equal(["user001"], ops.AllowFrom);
        Assert.Equal(TimeSpan.FromSeconds(30), ops.MaxReconnectDelay);
        Assert.Equal(new Uri("http://127.0.0.1:9580"), ops.ApiBaseUrl);
    }

    [Theory]
    [InlineData(null, null, null, null, true)] // auto + the built-in template
    [InlineData(null, null, "my-own-template.schema", null, false)] // auto + a custom template: streaming-driven
    [InlineData("on", null, "my-own-template.schema", null, true)]
    [InlineData("on", "off", null, null, false)] // the account's own value wins
    [InlineData("off", null, null, "auto", true)] // the account says auto, its template is the built-in one
    public void Resolve_CardFlowStatus_AutoIsOnForTheBuiltInTemplateOnlyAndAccountsOverride(
        string? top, string? own, string? topTemplate, string? ownAuto, bool expected)
    {
        var settings = new DingTalkChannelSettings { CardFlowStatus = top, CardTemplateId = topTemplate };
        settings.Accounts["main"] = new DingTalkAccountSettings { ClientId = "dingmain", ClientSecret = "a", CardFlowStatus = own ?? ownAuto };

        var account = Assert.Single(settings.Resolve());

        Assert.Equal(own ?? ownAuto ?? top ?? "auto", account.CardFlowStatus);
        Assert.Equal(expected, account.UsesCardFlowStatus);
    }

    [Fact]
    public void Account_ToString_NeverShowsTheSecret()
    {
        var account = Assert.Single(new DingTalkChannelSettings { ClientId = "dingabc", ClientSecret = "top-secret-value" }.Resolve());

        Assert.DoesNotContain("top-secret-value", account.ToString(), StringComparison.Ordinal);
        Assert.Contains("dingabc", account.ToString(), StringComparison.Ordinal);
    }
}
