namespace DingGate.Core.Replies;

/// <summary>
/// Where the agent writes the answer to one inbound message, as it is generated. Channel-neutral: the channel picks how
/// it is shown (DingTalk: a markdown message or a streaming AI card) and guarantees the user sees a complete answer
/// exactly once. Call <see cref="WriteAsync"/> for every delta and status, then <see cref="CompleteAsync"/> exactly once.
/// Disposing a sink that was never completed finishes it as <see cref="ReplyEnd.Interrupted"/>.
/// </summary>
public interface IReplySink : IAsyncDisposable
{
    /// <summary>
    /// Cancelled when the user who asked pressed the reply's stop button. The writer should stop generating and
    /// complete with <see cref="ReplyEnd.Stopped"/>.
    /// </summary>
    CancellationToken StopRequested { get; }

    /// <summary>Whether <see cref="CompleteAsync"/> already ran.</summary>
    bool IsCompleted { get; }

    /// <summary>Adds an answer delta, a status (reasoning, tool call) or a file to the reply.</summary>
    ValueTask WriteAsync(ReplyUpdate update, CancellationToken cancellationToken);

    /// <summary>
    /// Ends the reply: delivers what is not shown yet and finalizes it (a note is added for every end but
    /// <see cref="ReplyEnd.Finished"/>). A second call returns the first outcome.
    /// </summary>
    Task<ReplyOutcome> CompleteAsync(ReplyEnd end, string? note, CancellationToken cancellationToken);
}
