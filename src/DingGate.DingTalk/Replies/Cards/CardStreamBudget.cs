namespace DingGate.DingTalk.Replies.Cards;

/// <summary>
/// How many intermediate streaming updates one card may still make, and how far apart: the k-th (k = 1, 2, …) goes no
/// earlier than <c>interval × 1.25^(k−1)</c> (at most <see cref="MaxGap"/>) after the one before (the first: after the
/// first write), and none after the <c>maxUpdates</c>-th: the rest of the answer comes with the final update. The first
/// updates stay quick (0.5, 0.63, 0.78 s… with the default interval), a long answer's come further apart, and a card
/// costs at most <c>maxUpdates</c> of them whatever its length or duration (docs/replies.md, "Streaming budget").
/// </summary>
internal sealed class CardStreamBudget(TimeSpan interval, int maxUpdates)
{
    /// <summary>Each gap is this many times the one before.</summary>
    public const double Growth = 1.25;

    /// <summary>The widest gap between two updates, so a larger budget keeps a very long answer moving.</summary>
    public static readonly TimeSpan MaxGap = TimeSpan.FromSeconds(30);

    /// <summary>Intermediate updates DingTalk took so far (one dropped unsent while throttled does not count).</summary>
    public int Spent { get; private set; }

    /// <summary>No intermediate update is left: the card waits for its final update.</summary>
    public bool IsSpent => Spent >= maxUpdates;

    /// <summary>The least time between the previous update (or the first write) and the next one.</summary>
    public TimeSpan NextGap => Gap(interval, Spent);

    public void Spend() => Spent++;

    /// <summary>The least gap before update <paramref name="spent"/> + 1: <c>interval × Growth^spent</c>, at most <see cref="MaxGap"/>.</summary>
    public static TimeSpan Gap(TimeSpan interval, int spent)
    {
        var gap = interval.TotalMilliseconds * Math.Pow(Growth, spent);
        var max = Math.Max(MaxGap.TotalMilliseconds, interval.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(double.IsFinite(gap) ? Math.Min(gap, max) : max);
    }
}
