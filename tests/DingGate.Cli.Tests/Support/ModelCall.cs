using Microsoft.Extensions.AI;

namespace DingGate.Cli.Tests.Support;

/// <summary>
/// One request the scripted model received: the messages, the cancellation token it was given (and whether it fired)
/// and where its start and end fall in the model's own event order.
/// </summary>
internal sealed class ModelCall
{
    private readonly TaskCompletionSource _cancelled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ModelCall(int index, IReadOnlyList<ChatMessage> messages, long startedAt, CancellationToken token)
    {
        Index = index;
        Messages = messages;
        StartedAt = startedAt;
        Token = token;
        token.Register(() => _cancelled.TrySetResult());
    }

    public int Index { get; }

    public IReadOnlyList<ChatMessage> Messages { get; }

    public CancellationToken Token { get; }

    /// <summary>Event number of the call's start (shared counter of the model: starts and ends are ordered).</summary>
    public long StartedAt { get; }

    /// <summary>Event number of the end of the stream (completed, failed or cancelled); 0 while it runs.</summary>
    public long EndedAt { get; private set; }

    /// <summary>Completes when the model's cancellation token fires.</summary>
    public Task Cancelled => _cancelled.Task;

    /// <summary>Completes when the stream ended, however.</summary>
    public Task Ended => _ended.Task;

    /// <summary>The last user message's text (the message being answered).</summary>
    public string UserText => Messages.Last(m => m.Role == ChatRole.User).Text;

    /// <summary>The messages between the system prompt and the current user message.</summary>
    public IReadOnlyList<ChatMessage> History => [.. Messages.Skip(1).SkipLast(1)];

    public void End(long at)
    {
        EndedAt = at;
        _ended.TrySetResult();
    }
}
