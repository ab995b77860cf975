namespace DingGate.Core.Sessions;

/// <summary>Durable session history (SQLite in the state directory).</summary>
public interface ISessionStore
{
    /// <summary>
    /// The newest history of <paramref name="key"/> within the budget (at most <paramref name="maxMessages"/> messages
    /// and <paramref name="maxChars"/> characters in total, tool calls and results counted like messages), oldest
    /// first, starting with a user message.
    /// </summary>
    Task<IReadOnlyList<SessionTurn>> LoadAsync(SessionKey key, int maxMessages, int maxChars, CancellationToken cancellationToken);

    /// <summary>Appends one user message and the assistant's answer (one transaction), with the tokens the model used.</summary>
    Task AppendExchangeAsync(SessionKey key, SessionTurn user, SessionTurn assistant, long inputTokens, long outputTokens, CancellationToken cancellationToken) =>
        AppendExchangeAsync(key, user, [], assistant, inputTokens, outputTokens, cancellationToken);

    /// <summary>
    /// Appends one user message, the tool calls and results of the answer (<see cref="SessionTurn.ToolCall"/> /
    /// <see cref="SessionTurn.ToolResult"/>, in order) and the assistant's answer in one transaction, with the tokens
    /// the model used.
    /// </summary>
    Task AppendExchangeAsync(
        SessionKey key, SessionTurn user, IReadOnlyList<SessionTurn> steps, SessionTurn assistant, long inputTokens, long outputTokens, CancellationToken cancellationToken);

    /// <summary>
    /// Like <see cref="AppendExchangeAsync(SessionKey, SessionTurn, IReadOnlyList{SessionTurn}, SessionTurn, long, long, CancellationToken)"/>
    /// for the answer to one inbound message (<paramref name="exchangeId"/>: its message id), at most once: when the
    /// session already holds that exchange nothing is written and false is returned. A turn run again after a crash
    /// (the journal resumes it) therefore never stores its exchange twice.
    /// </summary>
    Task<bool> AppendExchangeOnceAsync(
        SessionKey key, string exchangeId, SessionTurn user, IReadOnlyList<SessionTurn> steps, SessionTurn assistant, long inputTokens, long outputTokens,
        CancellationToken cancellationToken);

    /// <summary>
    /// The answer stored by <see cref="AppendExchangeOnceAsync"/> for <paramref name="exchangeId"/> in this session, or
    /// null when there is none (never stored, cleared by <c>/new</c>, or purged).
    /// </summary>
    Task<string?> FindAnswerAsync(SessionKey key, string exchangeId, CancellationToken cancellationToken);

    /// <summary>Forgets the history and usage of <paramref name="key"/> (<c>/new</c>, <c>/reset</c>).</summary>
    Task ClearAsync(SessionKey key, CancellationToken cancellationToken);

    /// <summary>Counts for <c>/status</c> (messages: user messages and answers; tool steps are not counted).</summary>
    Task<SessionStats> GetStatsAsync(SessionKey key, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes at most <paramref name="limit"/> history messages written at or before <paramref name="before"/>, in any
    /// session, oldest first; returns how many. Usage counters are kept.
    /// </summary>
    Task<int> PurgeOlderThanAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken);
}
