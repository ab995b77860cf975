using CsCheck;

namespace DingGate.Storage.Tests.Contracts;

// Random sequences of marks and purges with a moving clock, against a dictionary model of the contract: a mark is
// live while now < expiresAt; TryMarkSeen is true when there is no live mark (and then sets one); purge removes and
// counts the marks that are not live.
public abstract class DedupStorePropertyContract : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private readonly StorageBackend _directory;

    protected DedupStorePropertyContract(StorageBackend backend)
    {
        _directory = backend;
    }

    public void Dispose() => _directory.Dispose();

    private sealed record Op(bool Purge, int Scope, int Key, int AdvanceMs, int TtlMs);

    private static readonly Gen<Op> OpGen =
        Gen.Select(Gen.Int[0, 5], Gen.Int[0, 1], Gen.Int[0, 3], Gen.Int[0, 40], Gen.Int[1, 60])
            .Select((kind, scope, key, advance, ttl) => new Op(kind == 0, scope, key, advance, ttl));

    [Fact]
    public async Task TryMarkSeenAsync_RandomSequences_MatchModel()
    {
        await OpGen.Array[1, 60].SampleAsync(
            async ops =>
            {
                using var database = _directory.OpenEmpty();
                var store = database.Dedup;
                var model = new Dictionary<(int Scope, int Key), long>();
                long now = 0;
                foreach (var op in ops)
                {
                    now += op.AdvanceMs;
                    var at = T0.AddMilliseconds(now);
                    if (op.Purge)
                    {
                        var expired = model.Where(m => m.Value <= now).Select(m => m.Key).ToList();
                        expired.ForEach(k => model.Remove(k));
                        Assert.Equal(expired.Count, await store.PurgeExpiredAsync(at, int.MaxValue, CancellationToken.None));
                        continue;
                    }

                    var expected = !model.TryGetValue((op.Scope, op.Key), out var expiresAt) || expiresAt <= now;
                    if (expected)
                    {
                        model[(op.Scope, op.Key)] = now + op.TtlMs;
                    }

                    var actual = await store.TryMarkSeenAsync(
                        $"scope{op.Scope}", $"key{op.Key}", at, at.AddMilliseconds(op.TtlMs), CancellationToken.None);
                    Assert.Equal(expected, actual);
                }
            },
            iter: 60,
            threads: 1);
    }
}
