using DingGate.Core.Storage;

namespace DingGate.Storage.Tests.Contracts;

public abstract class PairingStoreContract : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private readonly StorageBackend _directory;
    private readonly StoreSet _database;
    private readonly IPairingStore _store;

    protected PairingStoreContract(StorageBackend backend)
    {
        _directory = backend;
        _database = _directory.Open();
        _store = _database.Pairing;
    }

    public void Dispose()
    {
        _database.Dispose();
        _directory.Dispose();
    }

    private static PairingRequest Request(string code, string userId, DateTimeOffset createdAt, string account = "acc") =>
        new(account, code, userId, "Nick " + userId, "cid-" + userId, createdAt, createdAt.AddHours(1));

    [Fact]
    public async Task ListPendingAsync_SomeExpired_ReturnsUnexpiredOfAccountOldestFirst()
    {
        var expired = Request("AAAA2222", "u0", T0);
        var older = Request("BBBB3333", "u1", T0.AddMinutes(20));
        var newer = Request("CCCC4444", "u2", T0.AddMinutes(40));
        await _store.AddPendingAsync(expired, CancellationToken.None);
        await _store.AddPendingAsync(newer, CancellationToken.None);
        await _store.AddPendingAsync(older, CancellationToken.None);
        await _store.AddPendingAsync(Request("DDDD5555", "u3", T0.AddMinutes(30), account: "other"), CancellationToken.None);

        var pending = await _store.ListPendingAsync("acc", T0.AddHours(1), CancellationToken.None);

        Assert.Equal([older, newer], pending);
    }

    [Fact]
    public async Task AddPendingAsync_AccountAtCap_OldestExpireFirstAndAreReturned()
    {
        var first = Request("AAAA2222", "u1", T0);
        var second = Request("BBBB3333", "u2", T0.AddMinutes(1));
        var third = Request("CCCC4444", "u3", T0.AddMinutes(2));
        var elsewhere = Request("DDDD5555", "u9", T0, account: "other");
        foreach (var request in new[] { first, second, third, elsewhere })
        {
            Assert.Empty(await _store.AddPendingAsync(request, 3, CancellationToken.None));
        }

        var newcomer = Request("EEEE6666", "u4", T0.AddMinutes(3));
        var removed = await _store.AddPendingAsync(newcomer, 3, CancellationToken.None);

        Assert.Equal([first], removed);
        Assert.Equal([second, third, newcomer], await _store.ListPendingAsync("acc", T0.AddMinutes(3), CancellationToken.None));
        Assert.Equal([elsewhere], await _store.ListPendingAsync("other", T0.AddMinutes(3), CancellationToken.None));
        Assert.Null(await _store.TakePendingAsync("acc", first.Code, T0.AddMinutes(4), CancellationToken.None));
    }

    [Fact]
    public async Task AddPendingAsync_CapWithExpiredRows_ExpiredDoNotCountAndNothingUnexpiredIsRemoved()
    {
        await _store.AddPendingAsync(Request("AAAA2222", "u1", T0), 2, CancellationToken.None);
        var live = Request("BBBB3333", "u2", T0.AddMinutes(50));
        await _store.AddPendingAsync(live, 2, CancellationToken.None);

        var removed = await _store.AddPendingAsync(Request("CCCC4444", "u3", T0.AddMinutes(61)), 2, CancellationToken.None);

        Assert.Empty(removed);
        Assert.Equal(["BBBB3333", "CCCC4444"], (await _store.ListPendingAsync("acc", T0.AddMinutes(61), CancellationToken.None)).Select(p => p.Code));
    }

    [Fact]
    public async Task AddPendingAsync_SameUserAgain_ReplacesTheirRequestWithoutExpiringOthers()
    {
        var other = Request("AAAA2222", "u1", T0);
        await _store.AddPendingAsync(other, 2, CancellationToken.None);
        await _store.AddPendingAsync(Request("BBBB3333", "U2", T0.AddMinutes(1)), 2, CancellationToken.None);

        var replacement = Request("CCCC4444", "u2", T0.AddMinutes(2));
        var removed = await _store.AddPendingAsync(replacement, 2, CancellationToken.None);

        Assert.Empty(removed);
        Assert.Equal([other, replacement], await _store.ListPendingAsync("acc", T0.AddMinutes(2), CancellationToken.None));
    }

    [Fact]
    public async Task TakePendingAsync_LowercaseCode_ReturnsRequestOnce()
    {
        var request = Request("ABCD2345", "u1", T0);
        await _store.AddPendingAsync(request, CancellationToken.None);

        var taken = await _store.TakePendingAsync("acc", " abcd2345 ", T0.AddMinutes(5), CancellationToken.None);
        var again = await _store.TakePendingAsync("acc", "ABCD2345", T0.AddMinutes(5), CancellationToken.None);

        Assert.Equal(request, taken);
        Assert.Null(again);
        Assert.Empty(await _store.ListPendingAsync("acc", T0.AddMinutes(5), CancellationToken.None));
    }

    [Fact]
    public async Task TakePendingAsync_Expired_ReturnsNull()
    {
        await _store.AddPendingAsync(Request("ABCD2345", "u1", T0), CancellationToken.None);

        Assert.Null(await _store.TakePendingAsync("acc", "ABCD2345", T0.AddHours(1), CancellationToken.None));
    }

    [Fact]
    public async Task TakePendingAsync_OtherAccount_ReturnsNullAndKeepsRequest()
    {
        var request = Request("ABCD2345", "u1", T0);
        await _store.AddPendingAsync(request, CancellationToken.None);

        Assert.Null(await _store.TakePendingAsync("other", "ABCD2345", T0, CancellationToken.None));
        Assert.Equal([request], await _store.ListPendingAsync("acc", T0, CancellationToken.None));
    }

    [Fact]
    public async Task FindPendingByUserAsync_DifferentCase_FindsUnexpiredOnly()
    {
        var request = Request("ABCD2345", "Manager4711", T0);
        await _store.AddPendingAsync(request, CancellationToken.None);

        Assert.Equal(request, await _store.FindPendingByUserAsync("acc", "manager4711", T0.AddMinutes(59), CancellationToken.None));
        Assert.Null(await _store.FindPendingByUserAsync("acc", "manager4711", T0.AddHours(1), CancellationToken.None));
        Assert.Null(await _store.FindPendingByUserAsync("other", "Manager4711", T0, CancellationToken.None));
    }

    [Fact]
    public async Task AddPendingAsync_CodeStillPending_Throws()
    {
        await _store.AddPendingAsync(Request("ABCD2345", "u1", T0), CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(
            () => _store.AddPendingAsync(Request("abcd2345", "u2", T0.AddMinutes(1)), CancellationToken.None));
    }

    [Fact]
    public async Task AddPendingAsync_CodeExpired_ReplacesOldRequest()
    {
        await _store.AddPendingAsync(Request("ABCD2345", "u1", T0), CancellationToken.None);
        var reissued = Request("ABCD2345", "u2", T0.AddHours(2));

        await _store.AddPendingAsync(reissued, CancellationToken.None);

        Assert.Equal(reissued, await _store.TakePendingAsync("acc", "ABCD2345", T0.AddHours(2), CancellationToken.None));
    }

    [Fact]
    public async Task ApproveAsync_Twice_ListsOnceWithFirstSpelling()
    {
        await _store.ApproveAsync("acc", "Manager4711", T0, CancellationToken.None);
        await _store.ApproveAsync("acc", "MANAGER4711", T0.AddMinutes(1), CancellationToken.None);
        await _store.ApproveAsync("acc", "user2", T0.AddMinutes(2), CancellationToken.None);
        await _store.ApproveAsync("other", "user3", T0, CancellationToken.None);

        Assert.Equal(["Manager4711", "user2"], await _store.ListApprovedAsync("acc", CancellationToken.None));
    }

    [Fact]
    public async Task IsApprovedAsync_DifferentCase_True()
    {
        await _store.ApproveAsync("acc", "Manager4711", T0, CancellationToken.None);

        Assert.True(await _store.IsApprovedAsync("acc", "mAnAgEr4711", CancellationToken.None));
        Assert.False(await _store.IsApprovedAsync("acc", "manager4712", CancellationToken.None));
        Assert.False(await _store.IsApprovedAsync("other", "Manager4711", CancellationToken.None));
    }

    [Fact]
    public async Task RevokeAsync_DifferentCase_RemovesThenReportsAbsent()
    {
        await _store.ApproveAsync("acc", "Manager4711", T0, CancellationToken.None);

        Assert.True(await _store.RevokeAsync("acc", "MANAGER4711", CancellationToken.None));
        Assert.False(await _store.RevokeAsync("acc", "Manager4711", CancellationToken.None));
        Assert.False(await _store.IsApprovedAsync("acc", "Manager4711", CancellationToken.None));
        Assert.Empty(await _store.ListApprovedAsync("acc", CancellationToken.None));
    }
}
