namespace DingGate.Core.Replies;

/// <summary>What delivering one reply did.</summary>
public sealed record ReplyOutcome
{
    /// <summary>How it ended.</summary>
    public required ReplyEnd End { get; init; }

    /// <summary>True when the user can see the whole answer (with its note).</summary>
    public required bool Delivered { get; init; }

    /// <summary>How the answer was finally shown (Markdown after a card fallback).</summary>
    public required ReplyMode Mode { get; init; }

    /// <summary>True when card mode was asked for but the answer went out as markdown.</summary>
    public bool FellBack { get; init; }

    /// <summary>Number of chat messages sent (markdown chunks, files; a card counts as one).</summary>
    public int Messages { get; init; }

    /// <summary>Channel API calls made for this reply, by kind (e.g. webhook, card_create, card_streaming).</summary>
    public IReadOnlyDictionary<string, int> ApiCalls { get; init; } = new Dictionary<string, int>();

    /// <summary>Why delivery failed, when <see cref="Delivered"/> is false.</summary>
    public string? Error { get; init; }

    /// <summary>Total of <see cref="ApiCalls"/>.</summary>
    public int TotalApiCalls => ApiCalls.Values.Sum();
}
