using DingGate.Core.Configuration;
using DingGate.DingTalk.Policies;
using DingGate.DingTalk.Tests.Support;

namespace DingGate.DingTalk.Tests.Policies;

public sealed class PairingServiceTests
{
    private static readonly DingTalkAccount PairingAccount = PolicyTestKit.Account(dm: DmPolicy.Pairing);

    [Fact]
    public async Task DecideAsync_UnknownSender_IssuesCodeFromAlphabetAndStoresIt()
    {
        using var kit = new PolicyTestKit();
        var message = PolicyTestKit.Direct("user002");

        var issued = Assert.IsType<PolicyDecision.PairingIssued>(await kit.DecideAsync(PairingAccount, message));

        Assert.Equal(8, issued.Code.Length);
        Assert.All(issued.Code, c => Assert.Contains(c, PairingCodeGenerator.Alphabet));
        Assert.Contains("dinggate pairing approve " + issued.Code, issued.ReplyText, StringComparison.Ordinal);
        Assert.Contains("user002", issued.ReplyText, StringComparison.Ordinal);
        var stored = Assert.Single(kit.Store.AllPending);
        Assert.Equal(
            new Core.Storage.PairingRequest(PolicyTestKit.AccountId, issued.Code, "user002", "Nick user002", "cidDirect==", kit.Time.GetUtcNow(), kit.Time.GetUtcNow().AddHours(1)),
            stored);
    }

    [Fact]
    public void Alphabet_HasNoLookAlikes()
    {
        Assert.Equal(31, PairingCodeGenerator.Alphabet.Length);
        Assert.DoesNotContain(PairingCodeGenerator.Alphabet, c => "0O1IL".Contains(c, StringComparison.Ordinal));
        Assert.Equal(PairingCodeGenerator.Alphabet.Length, PairingCodeGenerator.Alphabet.Distinct().Count());
    }

    [Fact]
    public void Next_InjectedSource_UsesIndicesInRange()
    {
        var indices = new Queue<int>([0, 1, 2, 30, 31, -1, 62, 5]);

        var code = new PairingCodeGenerator(_ => indices.Dequeue()).Next();

        Assert.Equal("ABC9ADAF", code);
    }

    [Fact]
    public async Task DecideAsync_RepeatBeforeExpiry_SameCodePending()
    {
        using var kit = new PolicyTestKit();
        var first = Assert.IsType<PolicyDecision.PairingIssued>(await kit.DecideAsync(PairingAccount, PolicyTestKit.Direct("user002")));
        kit.Time.Advance(TimeSpan.FromMinutes(59));

        var again = Assert.IsType<PolicyDecision.PairingPending>(await kit.DecideAsync(PairingAccount, PolicyTestKit.Direct("user002")));

        Assert.Equal(first.Code, again.Code);
        Assert.Contains(first.Code, again.ReplyText, StringComparison.Ordinal);
        Assert.Single(kit.Store.AllPending);
    }

    [Fact]
    public async Task DecideAsync_AfterOneHour_NewCode()
    {
        var next = 0;
        using var kit = new PolicyTestKit(_ => next++ / 8);
        var first = Assert.IsType<PolicyDecision.PairingIssued>(await kit.DecideAsync(PairingAccount, PolicyTestKit.Direct("user002")));
        kit.Time.Advance(TimeSpan.FromHours(1));

        var second = Assert.IsType<PolicyDecision.PairingIssued>(await kit.DecideAsync(PairingAccount, PolicyTestKit.Direct("user002")));

        Assert.Equal(("AAAAAAAA", "BBBBBBBB"), (first.Code, second.Code));
    }

    [Fact]
    public async Task DecideAsync_AccountCapReached_NewcomerGetsCodeAndOldestExpiresFirst()
    {
        using var kit = new PolicyTestKit();
        var codes = new List<string>();
        for (var i = 1; i <= PairingService.MaxPendingPerAccount; i++)
        {
            codes.Add(Assert.IsType<PolicyDecision.PairingIssued>(await kit.DecideAsync(PairingAccount, PolicyTestKit.Direct("u" + i))).Code);
            kit.Time.Advance(TimeSpan.FromMinutes(1));
        }

        var newcomer = await kit.DecideAsync(PairingAccount, PolicyTestKit.Direct("newcomer"));
        var oldestApproval = await kit.Pairing.ApproveAsync(PolicyTestKit.AccountId, codes[0], kit.Time.GetUtcNow(), CancellationToken.None);
        var secondApproval = await kit.Pairing.ApproveAsync(PolicyTestKit.AccountId, codes[1], kit.Time.GetUtcNow(), CancellationToken.None);

        Assert.IsType<PolicyDecision.PairingIssued>(newcomer);
        Assert.Equal(PairingService.MaxPendingPerAccount - 1, kit.Store.AllPending.Count); // u2 was approved (taken) since
        Assert.DoesNotContain(kit.Store.AllPending, p => p.UserId == "u1");
        Assert.Contains("expired", Assert.IsType<PairingApproval.NotFound>(oldestApproval).Message, StringComparison.Ordinal);
        Assert.Equal("u2", Assert.IsType<PairingApproval.Approved>(secondApproval).Request.UserId);
    }

    [Fact]
    public async Task DecideAsync_ExpiredEarlySenderWritesAgain_GetsNewCodeAndTheNextOldestExpires()
    {
        using var kit = new PolicyTestKit();
        for (var i = 1; i <= PairingService.MaxPendingPerAccount + 1; i++)
        {
            Assert.IsType<PolicyDecision.PairingIssued>(await kit.DecideAsync(PairingAccount, PolicyTestKit.Direct("u" + i)));
            kit.Time.Advance(TimeSpan.FromMinutes(1));
        }

        var again = await kit.DecideAsync(PairingAccount, PolicyTestKit.Direct("u1"));

        Assert.IsType<PolicyDecision.PairingIssued>(again);
        Assert.Equal(PairingService.MaxPendingPerAccount, kit.Store.AllPending.Count);
        Assert.DoesNotContain(kit.Store.AllPending, p => p.UserId == "u2");
        Assert.Contains(kit.Store.AllPending, p => p.UserId == "u1");
    }

    [Fact]
    public async Task DecideAsync_OneSenderWritingRepeatedly_HoldsOnePendingCodeAndExpiresNobody()
    {
        using var kit = new PolicyTestKit();
        var others = new List<string>();
        for (var i = 1; i < PairingService.MaxPendingPerAccount; i++)
        {
            others.Add(Assert.IsType<PolicyDecision.PairingIssued>(await kit.DecideAsync(PairingAccount, PolicyTestKit.Direct("u" + i))).Code);
        }

        var first = Assert.IsType<PolicyDecision.PairingIssued>(await kit.DecideAsync(PairingAccount, PolicyTestKit.Direct("stranger")));
        var repeats = new List<PolicyDecision>();
        for (var i = 0; i < 30; i++)
        {
            kit.Time.Advance(TimeSpan.FromSeconds(30));
            repeats.Add(await kit.DecideAsync(PairingAccount, PolicyTestKit.Direct("stranger")));
        }

        Assert.All(repeats, r => Assert.Equal(first.Code, Assert.IsType<PolicyDecision.PairingPending>(r).Code));
        Assert.Equal(PairingService.MaxPendingPerSender, kit.Store.AllPending.Count(p => p.UserId == "stranger"));
        Assert.Equal(others, kit.Store.AllPending.Where(p => p.UserId != "stranger").Select(p => p.Code));
    }

    [Fact]
    public async Task ApproveAsync_PendingCode_ApprovesAndNextMessageAllowed()
    {
        using var kit = new PolicyTestKit();
        var issued = Assert.IsType<PolicyDecision.PairingIssued>(await kit.DecideAsync(PairingAccount, PolicyTestKit.Direct("user002")));

        var approval = await kit.Pairing.ApproveAsync(PolicyTestKit.AccountId, " " + issued.Code.ToLowerInvariant() + " ", kit.Time.GetUtcNow(), CancellationToken.None);
        var next = await kit.DecideAsync(PairingAccount, PolicyTestKit.Direct("user002"));

        var approved = Assert.IsType<PairingApproval.Approved>(approval);
        Assert.Equal(("user002", "cidDirect=="), (approved.Request.UserId, approved.Request.ConversationId));
        Assert.True(await kit.Store.IsApprovedAsync(PolicyTestKit.AccountId, "user002", CancellationToken.None));
        Assert.IsType<PolicyDecision.Allow>(next);
        Assert.Empty(kit.Store.AllPending);
    }

    [Fact]
    public async Task ApproveAsync_UnknownCode_NotFound()
    {
        using var kit = new PolicyTestKit();

        var result = await kit.Pairing.ApproveAsync(PolicyTestKit.AccountId, "abcd2345", kit.Time.GetUtcNow(), CancellationToken.None);

        var notFound = Assert.IsType<PairingApproval.NotFound>(result);
        Assert.Equal("ABCD2345", notFound.Code);
        Assert.Contains("unknown, already handled or expired", notFound.Message, StringComparison.Ordinal);
        Assert.Empty(await kit.Store.ListApprovedAsync(PolicyTestKit.AccountId, CancellationToken.None));
    }

    [Fact]
    public async Task ApproveAsync_ExpiredCode_NotFoundAndSenderStillUnknown()
    {
        using var kit = new PolicyTestKit();
        var issued = Assert.IsType<PolicyDecision.PairingIssued>(await kit.DecideAsync(PairingAccount, PolicyTestKit.Direct("user002")));
        kit.Time.Advance(TimeSpan.FromHours(1));

        var result = await kit.Pairing.ApproveAsync(PolicyTestKit.AccountId, issued.Code, kit.Time.GetUtcNow(), CancellationToken.None);

        Assert.IsType<PairingApproval.NotFound>(result);
        Assert.False(await kit.Store.IsApprovedAsync(PolicyTestKit.AccountId, "user002", CancellationToken.None));
    }

    [Fact]
    public async Task ApproveAsync_OtherAccountsCode_NotFound()
    {
        using var kit = new PolicyTestKit();
        var issued = Assert.IsType<PolicyDecision.PairingIssued>(await kit.DecideAsync(PairingAccount, PolicyTestKit.Direct("user002")));

        var result = await kit.Pairing.ApproveAsync("other", issued.Code, kit.Time.GetUtcNow(), CancellationToken.None);

        Assert.IsType<PairingApproval.NotFound>(result);
        Assert.Single(kit.Store.AllPending);
    }

    [Fact]
    public async Task DenyAsync_PendingCode_RemovesItAndSenderGetsNewCodeLater()
    {
        using var kit = new PolicyTestKit();
        var issued = Assert.IsType<PolicyDecision.PairingIssued>(await kit.DecideAsync(PairingAccount, PolicyTestKit.Direct("user002")));

        var denied = await kit.Pairing.DenyAsync(PolicyTestKit.AccountId, issued.Code, kit.Time.GetUtcNow(), CancellationToken.None);
        var approveAfter = await kit.Pairing.ApproveAsync(PolicyTestKit.AccountId, issued.Code, kit.Time.GetUtcNow(), CancellationToken.None);
        var deniedAgain = await kit.Pairing.DenyAsync(PolicyTestKit.AccountId, issued.Code, kit.Time.GetUtcNow(), CancellationToken.None);

        Assert.Equal("user002", denied!.UserId);
        Assert.IsType<PairingApproval.NotFound>(approveAfter);
        Assert.Null(deniedAgain);
        Assert.IsType<PolicyDecision.PairingIssued>(await kit.DecideAsync(PairingAccount, PolicyTestKit.Direct("user002")));
    }

    [Fact]
    public async Task DecideAsync_PairingInGroup_NoCodeIssued()
    {
        using var kit = new PolicyTestKit();

        var decision = await kit.DecideAsync(PolicyTestKit.Account(dm: DmPolicy.Pairing), PolicyTestKit.Group("cidAny==", "user002"));

        Assert.IsType<PolicyDecision.Allow>(decision);
        Assert.Empty(kit.Store.AllPending);
    }
}
