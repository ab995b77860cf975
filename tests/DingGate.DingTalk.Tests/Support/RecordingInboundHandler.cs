using System.Collections.Concurrent;
using DingGate.Core.Inbound;
using DingGate.Core.Storage;

namespace DingGate.DingTalk.Tests.Support;

/// <summary>An <see cref="IInboundHandler"/> that records every message and marks its journal entry answered, as the reply side will.</summary>
internal sealed class RecordingInboundHandler(IInboundJournal journal) : IInboundHandler
{
    private readonly ConcurrentQueue<InboundMessage> _messages = new();

    public IReadOnlyList<InboundMessage> Messages => _messages.ToArray();

    /// <summary>Messages whose text matches throw from the handler (after being recorded).</summary>
    public Func<string, bool>? FailOn { get; set; }

    public async Task HandleAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        _messages.Enqueue(message);
        if (FailOn?.Invoke(message.Text) == true)
        {
            throw new InvalidOperationException("boom handler");
        }

        await journal.MarkAsync(message.AccountId, message.MessageId, InboundState.Answered, "test handler", cancellationToken);
    }

    public async Task<InboundMessage> WaitForAsync(Func<InboundMessage, bool> match)
    {
        await TestWait.UntilAsync(() => _messages.Any(match), "the handler receives the message");
        return _messages.First(match);
    }
}
