using DingGate.Core.Configuration;

namespace DingGate.DingTalk;

/// <summary>
/// The settings of one running account as they are now. A config reload that keeps the account's credentials and
/// endpoints updates it in place (no reconnect); code that must follow such edits (policies, allow lists, owners,
/// locale) reads <see cref="Current"/> at each use instead of keeping the <see cref="DingTalkAccount"/> it was built with.
/// </summary>
internal sealed class LiveAccount(DingTalkAccount initial)
{
    private DingTalkAccount current = initial;

    /// <summary>The account id (never changes: another id is another account).</summary>
    public string Id { get; } = initial.Id;

    /// <summary>The settings in force.</summary>
    public DingTalkAccount Current => Volatile.Read(ref current);

    /// <summary>Puts <paramref name="next"/> in force (same account id).</summary>
    public void Update(DingTalkAccount next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (!string.Equals(next.Id, Id, StringComparison.Ordinal))
        {
            throw new ArgumentException($"account '{next.Id}' is not '{Id}'", nameof(next));
        }

        Volatile.Write(ref current, next);
    }
}
