using System.Text;
using DingGate.Core.Inbound;
using DingGate.Core.Replies;
using DingGate.DingTalk.Api;
using DingGate.DingTalk.Replies.Media;
using DingGate.DingTalk.Replies.Sending;
using DingGate.DingTalk.Replies.Thinking;

namespace DingGate.DingTalk.Replies.Markdown;

/// <summary>
/// Markdown mode: coalesces the whole streamed answer and sends it once complete, as few messages as the length
/// allows (a short answer is exactly one webhook call). While the answer is not out, the thinking indicator shows
/// after its delay and is taken back once the answer is sent. Reply images are uploaded and shown at the end of the
/// answer; other files follow it as their own messages; a file that cannot be sent becomes a note naming it.
/// </summary>
internal sealed class MarkdownReplySink : IReplySink
{
    private readonly InboundMessage _message;
    private readonly ConversationReplier _replier;
    private readonly ThinkingIndicator _indicator;
    private readonly ReplyAttachmentSender _attachments;
    private readonly List<OutboundFile> _files = [];
    private readonly ApiCallMeter _meter = new();
    private readonly StringBuilder _text = new();
    private readonly CancellationTokenSource _indicatorCancel = new();
    private readonly Task<bool> _indicatorShown;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ReplyOutcome? _outcome;

    public MarkdownReplySink(InboundMessage message, ConversationReplier replier, ThinkingIndicator indicator, ReplyAttachmentSender attachments)
    {
        _message = message;
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
            if (answer.Length > 0 || plan.Appendix.Length > 0 || end != ReplyEnd.Finished || plan.FollowUps.Count == 0)
            {
                messages += await _replier.SendAsync(_message, ReplyNotes.Apply(plan.AppendTo(answer), end, note), _meter, cancellationToken);
            }

            await TakeIndicatorBackAsync(cancellationToken);
            var (fileMessages, fileError) = await _attachments.SendFollowUpsAsync(_message, plan, _meter, cancellationToken);
            return new ReplyOutcome
            {
                End = end, Delivered = true, Mode = ReplyMode.Markdown, Messages = messages + fileMessages, ApiCalls = _meter.Snapshot(), Error = fileError,
            };
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
