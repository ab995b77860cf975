using DingGate.Core.Storage;

namespace DingGate.Storage.Tests.Contracts;

public abstract class OwnerApprovalStoreContract : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);

    private readonly StorageBackend _backend;
    private readonly StoreSet _database;
    private readonly IOwnerApprovalStore _store;

    protected OwnerApprovalStoreContract(StorageBackend backend)
    {
        _backend = backend;
        _database = _backend.Open();
        _store = _database.OwnerApprovals;
    }

    public void Dispose()
    {
        _database.Dispose();
        _backend.Dispose();
    }

    private static OwnerApproval Approval(string code, string account = "acc") => new()
    {
        AccountId = account, Code = code, OutTrackId = "pairing_" + code, UserId = "user003", Nick = "王五",
        CreatedAt = T0, ExpiresAt = T0.AddHours(1),
    };

    [Fact]
    public async Task Add_ThenFindByCodeAndByCard_AllFieldsBack_UndecidedAndNotSent()
    {
        Assert.True(await _store.AddAsync(Approval("ABCD2345"), CancellationToken.None));

        var byCode = await _store.FindAsync("acc", "ABCD2345", CancellationToken.None);
        var byCard = await _store.FindByCardAsync("acc", "pairing_ABCD2345", CancellationToken.None);

        Assert.Equal(Approval("ABCD2345"), byCode);
        Assert.Equal(byCode, byCard);
        Assert.Null(await _store.FindAsync("other", "ABCD2345", CancellationToken.None));
        Assert.Null(await _store.FindByCardAsync("acc", "pairing_nope", CancellationToken.None));
    }

    [Fact]
    public async Task WorkedBy_SetByTheAddAndTheClaimedDecision_TakenOnlyFromTheExpectedWorker()
    {
        await _store.AddAsync(Approval("ABCD2345") with { WorkedBy = "replica-a" }, CancellationToken.None);
        Assert.Equal("replica-a", (await _store.FindAsync("acc", "ABCD2345", CancellationToken.None))!.WorkedBy);

        Assert.False(await _store.TakeWorkAsync("acc", "ABCD2345", "replica-x", "replica-b", CancellationToken.None));
        Assert.True(await _store.TakeWorkAsync("acc", "ABCD2345", "replica-a", "replica-b", CancellationToken.None));
        Assert.False(await _store.TakeWorkAsync("acc", "ABCD2345", "replica-a", "replica-c", CancellationToken.None));
        Assert.Equal("replica-b", (await _store.FindAsync("acc", "ABCD2345", CancellationToken.None))!.WorkedBy);

        Assert.True(await _store.TryDecideAsync("acc", "ABCD2345", OwnerDecision.Approved, "user001", T0, "replica-c", CancellationToken.None));
        Assert.Equal("replica-c", (await _store.FindAsync("acc", "ABCD2345", CancellationToken.None))!.WorkedBy);

        await _store.AddAsync(Approval("NOWORKER"), CancellationToken.None);
        Assert.True(await _store.TryDecideAsync("acc", "NOWORKER", OwnerDecision.Denied, "user001", T0, null, CancellationToken.None));
        Assert.Null((await _store.FindAsync("acc", "NOWORKER", CancellationToken.None))!.WorkedBy);
        Assert.True(await _store.TakeWorkAsync("acc", "NOWORKER", null, "replica-d", CancellationToken.None));
        Assert.Equal("replica-d", (await _store.FindAsync("acc", "NOWORKER", CancellationToken.None))!.WorkedBy);
    }

    [Fact]
    public async Task Add_SameCodeTwice_SecondIsIgnored_FirstRowKept()
    {
        await _store.AddAsync(Approval("ABCD2345"), CancellationToken.None);

        Assert.False(await _store.AddAsync(Approval("ABCD2345") with { OutTrackId = "pairing_other" }, CancellationToken.None));
        Assert.Equal("pairing_ABCD2345", (await _store.FindAsync("acc", "ABCD2345", CancellationToken.None))!.OutTrackId);
    }

    [Fact]
    public async Task Add_OtherCodeSameCard_Ignored()
    {
        await _store.AddAsync(Approval("ABCD2345"), CancellationToken.None);

        Assert.False(await _store.AddAsync(Approval("WXYZ6789") with { OutTrackId = "pairing_ABCD2345" }, CancellationToken.None));
        Assert.Null(await _store.FindAsync("acc", "WXYZ6789", CancellationToken.None));
        Assert.True(await _store.AddAsync(Approval("ABCD2345", account: "other"), CancellationToken.None));
    }

    [Fact]
    public async Task TryDecide_SecondProcess_LosesToTheFirst()
    {
        await _store.AddAsync(Approval("ABCD2345"), CancellationToken.None);
        using var second = _backend.Open();

        Assert.True(await second.OwnerApprovals.TryDecideAsync("acc", "ABCD2345", OwnerDecision.Denied, "user002", T0, null, CancellationToken.None));
        Assert.False(await _store.TryDecideAsync("acc", "ABCD2345", OwnerDecision.Approved, "user001", T0, null, CancellationToken.None));
        Assert.Equal(OwnerDecision.Denied, (await _store.FindAsync("acc", "ABCD2345", CancellationToken.None))!.Decision);
    }

    [Fact]
    public async Task TryDecide_FirstWins_SecondChangesNothing()
    {
        await _store.AddAsync(Approval("ABCD2345"), CancellationToken.None);

        var first = await _store.TryDecideAsync("acc", "ABCD2345", OwnerDecision.Approved, "user001", T0.AddMinutes(1), null, CancellationToken.None);
        var second = await _store.TryDecideAsync("acc", "ABCD2345", OwnerDecision.Denied, "user002", T0.AddMinutes(2), null, CancellationToken.None);

        Assert.True(first);
        Assert.False(second);
        var row = (await _store.FindAsync("acc", "ABCD2345", CancellationToken.None))!;
        Assert.Equal((OwnerDecision.Approved, "user001", T0.AddMinutes(1)), (row.Decision, row.DecidedBy, row.DecidedAt));
    }

    [Fact]
    public async Task TryDecide_ConcurrentClaims_ExactlyOneWins()
    {
        await _store.AddAsync(Approval("ABCD2345"), CancellationToken.None);

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            _store.TryDecideAsync("acc", "ABCD2345", i % 2 == 0 ? OwnerDecision.Approved : OwnerDecision.Denied, "owner" + i, T0, null, CancellationToken.None)));

        Assert.Single(claims, c => c);
    }

    [Fact]
    public async Task Marks_AreStored_AndSurviveAReopen()
    {
        await _store.AddAsync(Approval("ABCD2345"), CancellationToken.None);
        await _store.MarkNotifiedAsync("acc", "ABCD2345", "card", T0.AddSeconds(1), CancellationToken.None);
        await _store.TryDecideAsync("acc", "ABCD2345", OwnerDecision.Denied, "user002", T0.AddSeconds(2), null, CancellationToken.None);
        await _store.MarkRequesterToldAsync("acc", "ABCD2345", T0.AddSeconds(3), CancellationToken.None);
        await _store.MarkCardUpdatedAsync("acc", "ABCD2345", T0.AddSeconds(4), CancellationToken.None);
        _database.Dispose();

        using var reopened = _backend.Open();
        var row = (await reopened.OwnerApprovals.FindAsync("acc", "ABCD2345", CancellationToken.None))!;

        Assert.Equal((T0.AddSeconds(1), "card"), (row.NotifiedAt, row.NotifiedBy));
        Assert.Equal(OwnerDecision.Denied, row.Decision);
        Assert.Equal(T0.AddSeconds(3), row.RequesterToldAt);
        Assert.Equal(T0.AddSeconds(4), row.CardUpdatedAt);
    }

    [Fact]
    public async Task ListUnfinished_DecidedButNotFullyShown_WithinTheWindow_Only()
    {
        foreach (var code in new[] { "UNDECIDED", "TOLDCARD", "NOTTOLD", "CARDLEFT", "GONECARD", "GONETEXT", "OLDCARD" })
        {
            await _store.AddAsync(Approval(code), CancellationToken.None);
            await _store.MarkNotifiedAsync("acc", code, code == "GONETEXT" ? "text" : "card", T0, CancellationToken.None);
        }

        foreach (var (code, decision) in new[]
        {
            ("TOLDCARD", OwnerDecision.Approved), ("NOTTOLD", OwnerDecision.Denied), ("CARDLEFT", OwnerDecision.Approved),
            ("GONECARD", OwnerDecision.Gone), ("GONETEXT", OwnerDecision.Gone),
        })
        {
            await _store.TryDecideAsync("acc", code, decision, "user001", T0.AddMinutes(5), null, CancellationToken.None);
        }

        await _store.TryDecideAsync("acc", "OLDCARD", OwnerDecision.Approved, "user001", T0.AddMinutes(-5), null, CancellationToken.None);
        await _store.MarkRequesterToldAsync("acc", "TOLDCARD", T0, CancellationToken.None);
        await _store.MarkCardUpdatedAsync("acc", "TOLDCARD", T0, CancellationToken.None);
        await _store.MarkCardUpdatedAsync("acc", "NOTTOLD", T0, CancellationToken.None);
        await _store.MarkRequesterToldAsync("acc", "CARDLEFT", T0, CancellationToken.None);

        var unfinished = await _store.ListUnfinishedAsync("acc", T0, CancellationToken.None);

        Assert.Equal(["CARDLEFT", "GONECARD", "NOTTOLD"], unfinished.Select(u => u.Code).Order());
    }
}
