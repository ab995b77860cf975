using System.Runtime.CompilerServices;
using DingGate.DingTalk.Tests.Support;
using Microsoft.Extensions.AI;

namespace DingGate.Cli.Tests.Support;

/// <summary>
/// The fake model of the end-to-end tests: records every request (<see cref="ModelCall"/>, thread-safe: sessions run
/// in parallel) and streams what <see cref="Script"/> returns for it. <see cref="Steps"/> builds a script from text
/// deltas and tasks to wait for, so a test controls exactly when each part of an answer is produced.
/// </summary>
internal sealed class ScriptedChatClient : IChatClient
{
    private readonly Lock _gate = new();
    private readonly List<ModelCall> _calls = [];
    private long _events;

    public Func<ModelCall, IAsyncEnumerable<ChatResponseUpdate>> Script { get; set; } = call => Steps(call.Token, "ok");

    public IReadOnlyList<ModelCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>Streams each string as a text delta and awaits each task (cancelled with <paramref name="token"/>), in order.</summary>
    public static async IAsyncEnumerable<ChatResponseUpdate> Steps([EnumeratorCancellation] CancellationToken token, params object[] steps)
    {
        foreach (var step in steps)
        {
            await Task.Yield();
            switch (step)
            {
                case string text:
                    yield return new ChatResponseUpdate(ChatRole.Assistant, text);
                    break;
                case Task wait:
                    await wait.WaitAsync(token);
                    break;
                default:
                    throw new ArgumentException("a step is a string or a Task: " + step, nameof(steps));
            }
        }
    }

    /// <summary>Waits (real time, generous) until the model has received <paramref name="count"/> requests; returns the last of them.</summary>
    public async Task<ModelCall> WaitForCallAsync(int count)
    {
        await TestWait.UntilAsync(() => Calls.Count >= count, $"model request #{count}");
        return Calls[count - 1];
    }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ModelCall call;
        lock (_gate)
        {
            call = new ModelCall(_calls.Count, [.. messages], Interlocked.Increment(ref _events), cancellationToken);
            _calls.Add(call);
        }

        try
        {
            await foreach (var update in Script(call).WithCancellation(cancellationToken))
            {
                yield return update;
            }
        }
        finally
        {
            call.End(Interlocked.Increment(ref _events));
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
