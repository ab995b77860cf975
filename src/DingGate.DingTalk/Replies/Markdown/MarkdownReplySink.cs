using System.Text;
using DingGate.Core.Inbound;
using DingGate.Core.Replies;
using DingGate.Core.Texts;
using DingGate.DingTalk.Api;
using DingGate.DingTalk.Replies.Media;
using DingGate.DingTalk.Replies.Sending;
using DingGate.DingTalk.Replies.Thinking;

namespace DingGate.DingTalk.Replies.Markdown;

/// <summary>
/// Markdown mode: coalesces the whole streamed answer and sends it once complete, as few messages as the length
/// allows (a short answer is exactly one webhook call). While the answer is not out, the thinking indicator shows
/// after its delay and is taken back once the answer is sent. Reply images are uploaded and shown at the end of the
/// answer; other files follow it as their own messages; a file that cannot be sent becomes a note naming it. The text
/// goes through the reply outbox (written whole before the first part, each part recorded as DingTalk accepts it), and
/// the journal entry is closed right after the last part, before the indicator is taken back and the files follow.
/// </summary>
internal sealed class MarkdownReplySink : IReplySink, IAbandonableReplySink
{
    private readonly InboundMessage _message;
    private readonly string _messageKey;
    private readonly ReplyJournalBook _book;
    private readonly ConversationReplier _replier;
    private readonly ThinkingIndicator _indicator;
    private readonly ReplyAttachmentSender _attachments;
    private readonly BotLocale _locale;
    private readonly List<OutboundFile> _files = [];
    private readonly ApiCallMeter _meter = new();
    private readonly StringBuilder _text = new();
    private readonly CancellationTokenSource _indicatorCancel = new();
    private readonly Task<bool> _indicatorShown;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ReplyOutcome? _outcome;

    public MarkdownReplySink(
        InboundMessage message, string messageKey, ReplyJournalBook book, ConversationReplier replier, ThinkingIndicator indicator, ReplyAttachmentSender attachments,
        BotLocale locale)
    {
        _locale = locale;
        _message = message;
        _messageKey = messageKey;
        _book = book;
        _replier = replier;
        _indicator = indicator;
        _attachments = attachments;
        // Owned: awaited in CompleteAsync (or cancelled and awaited in DisposeAsync).
        _indicatorShown = indicator.ShowAfterDelayAsync(message, _meter, _indicatorCancel.Token);
    }

    public CancellationToken StopRequested => CancellationToken.None;

    public bool IsCompleted => _outcome is not null;

    public ValueTask WriteAsync(ReplyUpdate update, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(IsCompleted, this);
        if (update is ReplyTextDelta delta)
        {
            lock (_text)
            {
                _text.Append(delta.Text);
            }
        }
        else if (update is ReplyFile file)
        {
            lock (_text)
            {
                _files.Add(file.File);
            }
        }

        return ValueTask.CompletedTask;
    }

    public async Task<ReplyOutcome> CompleteAsync(ReplyEnd end, string? note, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return _outcome ??= await DeliverAsync(end, note, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Clustered, the message taken over by another replica: nothing is sent (a send under way was refused by the
    /// outbox's fence), the journal entry is not closed, and a shown "thinking" reaction is left for the new owner.
    /// </summary>
    public async Task AbandonAsync()
    {
        await _gate.WaitAsync(CancellationToken.None);
        try
        {
            _outcome ??= new ReplyOutcome
            {
                End = ReplyEnd.Interrupted, Delivered = false, Mode = ReplyMode.Markdown, ApiCalls = _meter.Snapshot(), Error = "another replica took the message over",
            };
        }
        finally
        {
            _gate.Release();
        }

        await DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _indicatorCancel.CancelAsync();
        await _indicatorShown;
        _indicatorCancel.Dispose();
        _gate.Dispose();
    }

    private async Task<ReplyOutcome> DeliverAsync(ReplyEnd end, string? note, CancellationToken cancellationToken)
    {
        string answer;
        List<OutboundFile> files;
        lock (_text)
        {
            answer = _text.ToString();
            files = [.. _files];
        }

        try
        {
            var plan = await _attachments.PrepareAsync(files, _meter, cancellationToken);
            var messages = 0;
            var delivered = true;
            string? error = null;
            if (answer.Length > 0 || plan.Appendix.Length > 0 || end != ReplyEnd.Finished || plan.FollowUps.Count == 0)
            {
                // An interrupted reply's note is not the answer: the restart still answers the message.
                var delivery = await _replier.DeliverAsync(
                    _message, _messageKey, ReplyNotes.Apply(plan.AppendTo(answer), end, note, _locale), end != ReplyEnd.Interrupted, _meter, cancellationToken);
                messages += delivery.Messages;
                delivered = delivery.Delivered || delivery.Queued;
                error = delivery.Delivered ? null
                    : delivery.Queued ? $"queued in the reply outbox #{delivery.OutboxId}: {delivery.Error}"
                    : $"reply outbox #{delivery.OutboxId} {delivery.State.ToString().ToLowerInvariant()}: {delivery.Error}";
            }

            var answered = new ReplyOutcome
            {
                End = end, Delivered = delivered, Mode = ReplyMode.Markdown, Messages = messages, ApiCalls = _meter.Snapshot(), Error = error,
            };

            // The books first: the answer is out (or owned by the outbox), so a crash from here on must not answer it again,
            // and the sink counts as completed (a dispose while the indicator is taken back must not send it again).
            await _book.CloseAsync(answered, note);
            _outcome = answered;
            await TakeIndicatorBackAsync(cancellationToken);
            if (!delivered)
            {
                return answered with { ApiCalls = _meter.Snapshot() };
            }

            var (fileMessages, fileError) = await _attachments.SendFollowUpsAsync(_message, plan, _meter, cancellationToken);
            return answered with { Messages = messages + fileMessages, ApiCalls = _meter.Snapshot(), Error = error ?? fileError };
        }
        catch (Exception ex) when (ex is DingTalkApiException or MessageSendException or HttpRequestException)
        {
            await TakeIndicatorBackAsync(cancellationToken);
            return new ReplyOutcome { End = end, Delivered = false, Mode = ReplyMode.Markdown, ApiCalls = _meter.Snapshot(), Error = ex.Message };
        }
    }

    private async Task TakeIndicatorBackAsync(CancellationToken cancellationToken)
    {
        await _indicatorCancel.CancelAsync();
        if (await _indicatorShown)
        {
            await _indicator.RemoveAsync(_message, _meter, cancellationToken);
        }
    }
}
