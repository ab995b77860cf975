using DingGate.Core.Configuration;
using DingGate.Core.Texts;

namespace DingGate.DingTalk.Tests.Reload;

/// <summary>Which edits of an account apply in place and which reconnect it (issue 16 item 6).</summary>
public sealed class AccountReloadTests
{
    private static readonly DingTalkAccount Running = DingTalkAccount.From(
        "main",
        new DingTalkAccountSettings
        {
            ClientId = "dingabc", ClientSecret = "secret-1", DmPolicy = DmPolicy.Open, AllowFrom = ["user001"],
            Owners = ["boss"], Endpoints = new DingTalkEndpoints { Api = new Uri("http://127.0.0.1:1/"), Oapi = new Uri("http://127.0.0.1:1/") },
        },
        new DingTalkAccountSettings());

    public static TheoryData<string, Func<DingTalkAccount, DingTalkAccount>> InPlace => new()
    {
        { "dmPolicy", a => a with { DmPolicy = DmPolicy.Allowlist } },
        { "groupPolicy", a => a with { GroupPolicy = GroupPolicy.Disabled } },
        { "allowFrom", a => a with { AllowFrom = ["user001", "user002"] } },
        { "allowFrom (same entries, new list)", a => a with { AllowFrom = [.. a.AllowFrom] } },
        { "groups", a => a with { Groups = new Dictionary<string, DingTalkGroupSettings> { ["cid1"] = new() { Enabled = false } } } },
        { "owners", a => a with { Owners = ["boss", "deputy"] } },
        { "locale", a => a with { Locale = BotLocale.En } },
        { "messageType", a => a with { MessageType = "card" } },
        { "debug", a => a with { Debug = true } },
        { "quota", a => a with { Quota = new DingTalkQuota { MonthlyCalls = 10 } } },
    };

    public static TheoryData<string, Func<DingTalkAccount, DingTalkAccount>, string> Reconnect => new()
    {
        { "clientSecret", a => a with { ClientSecret = "secret-2" }, "clientSecret" },
        { "clientId", a => a with { ClientId = "dingxyz" }, "clientId" },
        { "robotCode", a => a with { RobotCode = "robot-2" }, "robotCode" },
        { "endpoints.api", a => a with { ApiBaseUrl = new Uri("http://127.0.0.1:2/") }, "endpoints.api" },
        { "endpoints.oapi", a => a with { OapiBaseUrl = new Uri("http://127.0.0.1:2/") }, "endpoints.oapi" },
        { "keepAliveInterval", a => a with { KeepAliveInterval = TimeSpan.FromSeconds(5) }, "connection settings" },
        { "cardTemplateId", a => a with { CardTemplateId = "custom.schema" }, "connection settings" },
        { "apiQps", a => a with { ApiQps = 5 }, "connection settings" },
    };

    [Theory]
    [MemberData(nameof(InPlace))]
    public void LiveKeys_ApplyInPlace(string key, Func<DingTalkAccount, DingTalkAccount> edit)
    {
        var next = edit(Running);

        Assert.False(AccountReload.NeedsReconnect(Running, next), key);
        Assert.Empty(AccountReload.ReconnectReasons(Running, next));
    }

    [Theory]
    [MemberData(nameof(Reconnect))]
    public void CredentialsEndpointsAndConnectionSettings_Reconnect_NamingTheKeyNotTheValue(string key, Func<DingTalkAccount, DingTalkAccount> edit, string reason)
    {
        var next = edit(Running);

        Assert.True(AccountReload.NeedsReconnect(Running, next), key);
        Assert.Equal([reason], AccountReload.ReconnectReasons(Running, next));
    }

    [Fact]
    public void SecretAndPolicyTogether_ReconnectForTheSecret()
    {
        var next = Running with { ClientSecret = "secret-2", DmPolicy = DmPolicy.Pairing, ApiQps = 3 };

        Assert.True(AccountReload.NeedsReconnect(Running, next));
        Assert.Equal(["clientSecret", "connection settings"], AccountReload.ReconnectReasons(Running, next));
        Assert.DoesNotContain(AccountReload.ReconnectReasons(Running, next), r => r.Contains("secret-2", StringComparison.Ordinal));
    }

    [Fact]
    public void LiveAccount_UpdateOfAnotherAccount_IsRefused()
    {
        var live = new LiveAccount(Running);

        live.Update(Running with { DmPolicy = DmPolicy.Allowlist });

        Assert.Equal(DmPolicy.Allowlist, live.Current.DmPolicy);
        Assert.Throws<ArgumentException>(() => live.Update(Running with { Id = "other" }));
    }
}
