using System.Collections.Concurrent;
using DingGate.Core.Inbound;
using DingGate.Core.Replies;

namespace DingGate.DingTalk.Tests.Support;

/// <summary>
/// An <see cref="IInboundHandler"/> that records every message and answers it: by default with the text
/// <see cref="DefaultAnswer"/> (completing the sink marks the journal entry answered), or through <see cref="Respond"/>.
/// </summary>
internal sealed class RecordingInboundHandler : IInboundHandler
{
    public const string DefaultAnswer = "收到";

    private readonly ConcurrentQueue<InboundMessage> _messages = new();

    public IReadOnlyList<InboundMessage> Messages => _messages.ToArray();

    /// <summary>Messages whose text matches throw from the handler (after being recorded).</summary>
    public Func<string, bool>? FailOn { get; set; }

    /// <summary>Replaces the default answer: gets the sink and must complete and dispose it.</summary>
    public Func<InboundMessage, IReplySink, CancellationToken, Task>? Respond { get; set; }

    public async Task HandleAsync(InboundMessage message, IReplySink reply, CancellationToken cancellationToken)
    {
        _messages.Enqueue(message);
        if (FailOn?.Invoke(message.Text) == true)
        {
            throw new InvalidOperationException("boom handler");
        }

        if (Respond is { } respond)
        {
            await respond(message, reply, cancellationToken);
            return;
        }

        await using (reply)
        {
            await reply.WriteAsync(new ReplyTextDelta(DefaultAnswer), cancellationToken);
            await reply.CompleteAsync(ReplyEnd.Finished, null, cancellationToken);
        }
    }

    public async Task<InboundMessage> WaitForAsync(Func<InboundMessage, bool> match)
    {
        await TestWait.UntilAsync(() => _messages.Any(match), "the handler receives the message");
        return _messages.First(match);
    }
}
