using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace DingGate.Agent.Demo;

/// <summary>
/// The offline model: answers every request with a deterministic, labelled markdown reply showing what it received
/// (text, sender, session, attachments with their text, images, history), streamed in small deltas. No network.
/// </summary>
internal sealed class DemoChatClient(TimeProvider timeProvider, DemoChatOptions demoOptions) : IChatClient
{
    public const string ModelId = "demo";

    private static readonly ChatClientMetadata Metadata = new("demo", null, ModelId);

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var list = messages.ToList();
        var text = DemoReplyComposer.Compose(list, options);
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, text))
        {
            ModelId = ModelId,
            FinishReason = ChatFinishReason.Stop,
            Usage = Usage(list, text),
        });
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        var text = DemoReplyComposer.Compose(list, options);
        var responseId = "demo-" + text.Length.ToString(CultureInfo.InvariantCulture);
        var first = true;
        foreach (var delta in Split(text, Math.Max(1, demoOptions.DeltaLength)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!first && demoOptions.DeltaDelay > TimeSpan.Zero)
            {
                await Task.Delay(demoOptions.DeltaDelay, timeProvider, cancellationToken);
            }

            first = false;
            yield return new ChatResponseUpdate(ChatRole.Assistant, delta) { ModelId = ModelId, ResponseId = responseId, MessageId = responseId };
        }

        yield return new ChatResponseUpdate(ChatRole.Assistant, [new UsageContent(Usage(list, text))])
        {
            ModelId = ModelId,
            ResponseId = responseId,
            MessageId = responseId,
            FinishReason = ChatFinishReason.Stop,
        };
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(ChatClientMetadata) ? Metadata
        : serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
    }

    // Splits on text elements so an emoji or a combined character is never cut in two.
    internal static IEnumerable<string> Split(string text, int length)
    {
        var elements = StringInfo.GetTextElementEnumerator(text);
        var chunk = new System.Text.StringBuilder();
        var count = 0;
        while (elements.MoveNext())
        {
            chunk.Append(elements.GetTextElement());
            if (++count == length)
            {
                yield return chunk.ToString();
                chunk.Clear();
                count = 0;
            }
        }

        if (chunk.Length > 0)
        {
            yield return chunk.ToString();
        }
    }

    // Deterministic stand-in counts (characters), so /status shows usage moving in the sandbox.
    private static UsageDetails Usage(IReadOnlyList<ChatMessage> messages, string text) => new()
    {
        InputTokenCount = messages.Sum(m => (long)m.Text.Length),
        OutputTokenCount = text.Length,
        TotalTokenCount = messages.Sum(m => (long)m.Text.Length) + text.Length,
    };
}
