using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace DingGate.Bench.Model;

/// <summary>
/// The fake model: answers at once (zero latency) or at the characters-per-second the request asks for, in deltas of
/// a few tokens, like a streaming LLM. Stateless, so every session can use it in parallel.
/// </summary>
internal sealed class BenchChatClient : IChatClient
{
    private static readonly ChatClientMetadata Metadata = new("bench", null, "bench-zero-latency");

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = messages.LastOrDefault(m => m.Role == ChatRole.User)?.Text;
        var (size, charsPerSecond) = AnswerScript.Parse(request);
        var started = Stopwatch.GetTimestamp();
        var sent = 0;
        foreach (var delta in AnswerScript.Deltas(AnswerScript.Answer(size)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (charsPerSecond > 0)
            {
                // Paced against the start, so timer granularity does not slow the stream down.
                var due = TimeSpan.FromSeconds((double)sent / charsPerSecond) - Stopwatch.GetElapsedTime(started);
                if (due > TimeSpan.FromMilliseconds(1))
                {
                    await Task.Delay(due, TimeProvider.System, cancellationToken);
                }
            }

            sent += delta.Length;
            yield return new ChatResponseUpdate(ChatRole.Assistant, delta) { ModelId = "bench" };
        }

        yield return new ChatResponseUpdate { FinishReason = ChatFinishReason.Stop, ModelId = "bench" };
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(ChatClientMetadata) ? Metadata : null;

    public void Dispose()
    {
    }
}
