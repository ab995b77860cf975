namespace DingGate.DingTalk.Cluster;

/// <summary>
/// What a clustered replica may clean up at a start or a takeover: the cards and "thinking" reactions of the messages it
/// just claimed (<see cref="Keys"/>), and orphans — rows whose message is no longer unfinished in the journal (or gone)
/// and that nobody touched since <see cref="StaleBefore"/> (two leases ago), so no live replica is still working on them.
/// A live replica's rows are never in scope: their messages are unfinished and held by it.
/// </summary>
internal sealed record TakeoverScope(IReadOnlySet<string> Keys, DateTimeOffset StaleBefore)
{
    public bool Claimed(string messageKey) => Keys.Contains(messageKey);
}
