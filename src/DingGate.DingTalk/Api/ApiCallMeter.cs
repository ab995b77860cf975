using System.Collections.Concurrent;

namespace DingGate.DingTalk.Api;

/// <summary>
/// Counts the DingTalk HTTP calls made on behalf of one reply or send, by kind (every attempt counts, retries too:
/// each is a call DingTalk bills). Pass it on <see cref="ApiRequest.Meter"/>; thread-safe.
/// </summary>
internal sealed class ApiCallMeter
{
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);

    /// <summary>
    /// Runs right before each metered call goes on the wire: after the throttle gate, the token and the limiters (the
    /// API bucket or the conversation's webhook limiter, the per-IP guard), so nothing that waits is after it. The reply outbox marks its part in flight here: a crash while the call still
    /// waits leaves the part plainly unsent (sent again at the next start), not ambiguous.
    /// </summary>
    public Func<CancellationToken, Task>? BeforeSend { get; set; }

    /// <summary>Calls so far, by kind.</summary>
    public IReadOnlyDictionary<string, int> Snapshot() => new SortedDictionary<string, int>(_calls, StringComparer.Ordinal);

    /// <summary>Total calls so far.</summary>
    public int Total => _calls.Values.Sum();

    /// <summary>Counts one call of <paramref name="kind"/>.</summary>
    public void Count(string kind) => _calls.AddOrUpdate(kind, 1, static (_, n) => n + 1);

    /// <summary>"webhook=1, card_create=1" (for the per-reply debug line).</summary>
    public override string ToString() => string.Join(", ", Snapshot().Select(p => p.Key + "=" + p.Value));
}
