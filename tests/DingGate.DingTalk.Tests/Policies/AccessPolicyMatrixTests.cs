using DingGate.Core.Configuration;
using DingGate.Core.Texts;
using DingGate.DingTalk.Policies;
using DingGate.DingTalk.Tests.Support;

namespace DingGate.DingTalk.Tests.Policies;

/// <summary>Every dmPolicy × sender state and every groupPolicy × group state × sender, with the exact decision.</summary>
public sealed class AccessPolicyMatrixTests
{
    private const string Allowed = "user001";
    private const string Stranger = "user002";

    private static readonly Dictionary<string, DingTalkGroupSettings> Groups = new(StringComparer.Ordinal)
    {
        ["cidListed=="] = new DingTalkGroupSettings(),
        ["cidOff=="] = new DingTalkGroupSettings { Enabled = false },
        ["cidRestricted=="] = new DingTalkGroupSettings { GroupAllowFrom = [" DD:USER001 "] },
        ["cidNobody=="] = new DingTalkGroupSettings { GroupAllowFrom = [] },
    };

    public static TheoryData<DmPolicy, string, string> DirectCases => new()
    {
        { DmPolicy.Open, "listed", "Allow" },
        { DmPolicy.Open, "unknown", "Allow" },
        { DmPolicy.Open, "approved", "Allow" },
        { DmPolicy.Allowlist, "listed", "Allow" },
        { DmPolicy.Allowlist, "unknown", "Deny" },
        { DmPolicy.Allowlist, "approved", "Allow" },
        { DmPolicy.Pairing, "listed", "Allow" },
        { DmPolicy.Pairing, "unknown", "PairingIssued" },
        { DmPolicy.Pairing, "approved", "Allow" },
    };

    public static TheoryData<GroupPolicy, string, string, string> GroupCases => new()
    {
        { GroupPolicy.Disabled, "cidListed==", Allowed, "Ignore" },
        { GroupPolicy.Disabled, "cidListed==", Stranger, "Ignore" },
        { GroupPolicy.Disabled, "cidUnlisted==", Allowed, "Ignore" },
        { GroupPolicy.Disabled, "cidRestricted==", Allowed, "Ignore" },
        { GroupPolicy.Open, "cidListed==", Allowed, "Allow" },
        { GroupPolicy.Open, "cidListed==", Stranger, "Allow" },
        { GroupPolicy.Open, "cidUnlisted==", Stranger, "Allow" },
        { GroupPolicy.Open, "cidOff==", Allowed, "Ignore" },
        { GroupPolicy.Open, "cidOff==", Stranger, "Ignore" },
        { GroupPolicy.Open, "cidRestricted==", Allowed, "Allow" },
        { GroupPolicy.Open, "cidRestricted==", Stranger, "Deny" },
        { GroupPolicy.Open, "cidNobody==", Allowed, "Deny" },
        { GroupPolicy.Allowlist, "cidListed==", Allowed, "Allow" },
        { GroupPolicy.Allowlist, "cidListed==", Stranger, "Deny" },
        { GroupPolicy.Allowlist, "cidUnlisted==", Allowed, "Deny" },
        { GroupPolicy.Allowlist, "cidUnlisted==", Stranger, "Deny" },
        { GroupPolicy.Allowlist, "cidOff==", Allowed, "Ignore" },
        { GroupPolicy.Allowlist, "cidOff==", Stranger, "Ignore" },
        { GroupPolicy.Allowlist, "cidRestricted==", Allowed, "Allow" },
        { GroupPolicy.Allowlist, "cidRestricted==", Stranger, "Deny" },
        { GroupPolicy.Allowlist, "cidNobody==", Allowed, "Deny" },
    };

    [Theory]
    [MemberData(nameof(DirectCases))]
    public async Task DecideAsync_Direct_MatchesMatrix(DmPolicy policy, string sender, string expected)
    {
        using var kit = new PolicyTestKit();
        var staffId = sender == "listed" ? Allowed : Stranger;
        if (sender == "approved")
        {
            await kit.Store.ApproveAsync(PolicyTestKit.AccountId, Stranger, kit.Time.GetUtcNow(), CancellationToken.None);
        }

        var decision = await kit.DecideAsync(PolicyTestKit.Account(dm: policy, allowFrom: ["dingtalk:" + Allowed]), PolicyTestKit.Direct(staffId));

        Assert.Equal(expected, decision.GetType().Name);
        if (decision is PolicyDecision.Deny deny)
        {
            Assert.Equal("抱歉，我还没有为你开通。请让管理员运行：dinggate allow add user002", deny.ReplyText);
            Assert.Equal(deny.ReplyText, decision.Reply);
        }
    }

    [Theory]
    [MemberData(nameof(GroupCases))]
    public async Task DecideAsync_Group_MatchesMatrix(GroupPolicy policy, string cid, string staffId, string expected)
    {
        using var kit = new PolicyTestKit();

        var decision = await kit.DecideAsync(PolicyTestKit.Account(group: policy, allowFrom: [Allowed], groups: Groups), PolicyTestKit.Group(cid, staffId));

        Assert.Equal(expected, decision.GetType().Name);
        Assert.Equal(expected == "Deny", decision.Reply is not null);
    }

    [Fact]
    public async Task DecideAsync_AllowlistGroupWithEmptyAllowFrom_AllowsEveryoneInListedGroup()
    {
        using var kit = new PolicyTestKit();

        var decision = await kit.DecideAsync(PolicyTestKit.Account(group: GroupPolicy.Allowlist, groups: Groups), PolicyTestKit.Group("cidListed==", Stranger));

        Assert.IsType<PolicyDecision.Allow>(decision);
    }

    [Fact]
    public async Task DecideAsync_AllowlistGroupApprovedSender_Allowed()
    {
        using var kit = new PolicyTestKit();
        await kit.Store.ApproveAsync(PolicyTestKit.AccountId, Stranger, kit.Time.GetUtcNow(), CancellationToken.None);

        var listed = await kit.DecideAsync(PolicyTestKit.Account(group: GroupPolicy.Allowlist, allowFrom: [Allowed], groups: Groups), PolicyTestKit.Group("cidListed==", Stranger));
        var restricted = await kit.DecideAsync(PolicyTestKit.Account(group: GroupPolicy.Allowlist, allowFrom: [Allowed], groups: Groups), PolicyTestKit.Group("cidRestricted==", Stranger));

        Assert.IsType<PolicyDecision.Allow>(listed);
        Assert.IsType<PolicyDecision.Deny>(restricted); // groupAllowFrom is per group: approvals do not widen it
    }

    [Fact]
    public async Task DecideAsync_DeniedReplies_NameTheIdToAllow()
    {
        using var kit = new PolicyTestKit();
        var account = PolicyTestKit.Account(dm: DmPolicy.Allowlist, group: GroupPolicy.Allowlist, allowFrom: [Allowed], groups: Groups) with { Locale = BotLocale.En };

        var external = await kit.DecideAsync(account, PolicyTestKit.Direct(null, "$:LWCP_v1:$x"));
        var groupAllow = await kit.DecideAsync(account, PolicyTestKit.Group("cidRestricted==", Stranger));
        var unlisted = await kit.DecideAsync(account, PolicyTestKit.Group("cidUnlisted==", Allowed));

        Assert.Equal("Sorry, I'm not enabled for you yet. Ask the owner to run: dinggate allow add $:LWCP_v1:$xext", external.Reply);
        Assert.Equal("Sorry, I'm not enabled for you in this group yet. Ask the owner to add user002 to groupAllowFrom of group cidRestricted==.", groupAllow.Reply);
        Assert.Equal("Sorry, I'm not enabled in this group yet. Ask the owner to add this group (cidUnlisted==) under channels.dingtalk.groups.", unlisted.Reply);
    }

    [Fact]
    public async Task DecideAsync_DeniedReplies_DefaultLocaleChinese()
    {
        using var kit = new PolicyTestKit();
        var account = PolicyTestKit.Account(dm: DmPolicy.Allowlist, group: GroupPolicy.Allowlist, allowFrom: [Allowed], groups: Groups);

        var external = await kit.DecideAsync(account, PolicyTestKit.Direct(null, "$:LWCP_v1:$x"));
        var groupAllow = await kit.DecideAsync(account, PolicyTestKit.Group("cidRestricted==", Stranger));
        var unlisted = await kit.DecideAsync(account, PolicyTestKit.Group("cidUnlisted==", Allowed));

        Assert.Equal("抱歉，我还没有为你开通。请让管理员运行：dinggate allow add $:LWCP_v1:$xext", external.Reply);
        Assert.Equal("抱歉，我在这个群里还没有为你开通。请让管理员把 user002 加入群 cidRestricted== 的 groupAllowFrom。", groupAllow.Reply);
        Assert.Equal("抱歉，我在这个群里还没有开通。请让管理员把本群（cidUnlisted==）加到 channels.dingtalk.groups 下。", unlisted.Reply);
    }

    [Fact]
    public async Task DecideAsync_AllowlistDmEmptyAllowFrom_DeniesEveryone()
    {
        using var kit = new PolicyTestKit();

        var decision = await kit.DecideAsync(PolicyTestKit.Account(dm: DmPolicy.Allowlist), PolicyTestKit.Direct(Allowed));

        Assert.IsType<PolicyDecision.Deny>(decision);
    }

    [Fact]
    public async Task DecideAsync_AllowlistDmStar_AllowsEveryone()
    {
        using var kit = new PolicyTestKit();

        var decision = await kit.DecideAsync(PolicyTestKit.Account(dm: DmPolicy.Allowlist, allowFrom: [" * "]), PolicyTestKit.Direct(null));

        Assert.IsType<PolicyDecision.Allow>(decision);
    }
}
