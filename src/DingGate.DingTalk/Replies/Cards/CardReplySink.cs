using DingGate.Core.Configuration;
using DingGate.Core.Inbound;
using DingGate.Core.Replies;
using DingGate.Core.Storage;
using DingGate.Core.Texts;
using DingGate.DingTalk.Api;
using DingGate.DingTalk.Replies.Media;
using DingGate.DingTalk.Replies.Sending;
using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk.Replies.Cards;

/// <summary>
/// Card mode: an actor owning one background task (started by the constructor, awaited by
/// <see cref="CompleteAsync"/> and <see cref="DisposeAsync"/>) that records the card as open
/// (<see cref="IOpenCardStore"/>, <see cref="OpenCardState.Creating"/>) BEFORE it creates and delivers it as PROCESSING
/// (flowStatus "1") right away, then records it created and stoppable (<see cref="ActiveCardRegistry"/>),
/// streams the coalesced answer (<see cref="CardStreamer"/>; with flowStatus, INPUTING "2" before the first update), its
/// tool steps above it (<see cref="CardStepNotes"/>, within the same budget), and
/// ends it (<see cref="CardFinisher"/>) with one <c>isFinalize=true</c> streaming call carrying the whole answer and its note (and one summary line
/// of the tool steps above it), then (flowStatus
/// templates, <see cref="AiCardFlow"/>) FINISHED "3", or FAILED "5" for <see cref="ReplyEnd.Failed"/>, with the whole
/// answer again. The moment the final streaming update is accepted the card is recorded
/// <see cref="OpenCardState.Delivered"/> with the whole answer: a card whose end is then refused by throttling or an
/// outage (after extra attempts), or a crash before the books are kept, leaves that record, and the next start ends the
/// card with its answer (no "interrupted" note) and does not answer the message again.
/// <para>
/// With flowStatus, a card whose streaming API is held shut by throttling when the answer ends (a per-minute limit
/// holds it until the next minute), or whose final streaming update throttling refuses, is not kept waiting: it is
/// recorded delivered and ended at once with FINISHED/FAILED through <c>PUT /v1.0/card/instances</c>, which carries the
/// whole answer (no final streaming update). Only when that fails does the final streaming update follow, waiting.
/// </para>
/// <para>
/// Resumed after a crash (<see cref="CardReplies.TryCreate"/> with the open card of the message): the answer streams
/// into the same card. A card recorded created is not created again; one recorded creating is created with the same
/// outTrackId, and DingTalk's <c>param.cardAlreadyExist</c> (the create of the crashed run was accepted; an outTrackId
/// never makes a second card) counts as created. Either way the old content is replaced at once by a full streaming
/// update with <see cref="CardTexts.Resuming"/>.
/// </para>
/// <para>
/// Never lost, never doubled: when the create, a streaming or the final streaming call fails, the card is given up
/// (one best-effort FAILED update saying the answer follows as a message) and at completion the whole answer goes
/// once through <see cref="ConversationReplier"/> (<see cref="ReplyMode.Markdown"/>, <see cref="ReplyOutcome.FellBack"/>).
/// </para>
/// </summary>
internal sealed partial class CardReplySink : IReplySink, IAbandonableReplySink
{
    /// <summary>DingTalk's answer to a create with an outTrackId it already has (spec §6.1).</summary>
    public const string AlreadyExistsCode = "param.cardAlreadyExist";

    private readonly InboundMessage _message;
    private readonly string _messageKey;
    private readonly CardTarget _target;
    private readonly DingTalkAccount _account;
    private readonly AiCardClient _cards;
    private readonly ConversationReplier _replier;
    private readonly ReplyAttachmentSender _attachments;
    private readonly IOpenCardStore _store;
    private readonly ActiveCardRegistry _registry;
    private readonly CardModeGate _gate;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly List<OutboundFile> _files = [];
    private readonly ApiCallMeter _meter = new();
    private readonly CardReplyState _state;
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationToken _stopToken;
    private readonly AiCardFlow _flow;
    private readonly CardFinisher _finisher;
    private readonly Task<ReplyOutcome> _run;
    private readonly OpenCard? _resumed;
    private readonly BotLocale _locale;
    private readonly CardOpeningTicket? _ticket;
    private int _abandoned;

    /// <summary>
    /// Starts the reply; <paramref name="resumed"/> is the open card a crashed run left for this message (the answer
    /// streams into it), null for a new card. With <paramref name="ticket"/> the card is created only after the card of
    /// the conversation's message before (<see cref="CardOpeningOrder"/>).
    /// </summary>
    public CardReplySink(
        InboundMessage message, string messageKey, CardTarget target, CardReplyParts parts, ILogger<CardReplySink> logger, OpenCard? resumed = null, BotLocale? locale = null,
        CardOpeningTicket? ticket = null)
    {
        _ticket = ticket;
        _message = message;
        _messageKey = messageKey;
        _target = target;
        (_account, _cards, _replier, _attachments, _store, _registry, _gate, _time) = parts;
        _logger = logger;
        _state = new CardReplyState(_time);
        _stopToken = _stop.Token;
        _resumed = resumed;
        _locale = locale ?? _account.Locale;
        OutTrackId = resumed?.OutTrackId ?? "card_" + Guid.NewGuid().ToString("N");
        _flow = new AiCardFlow(_account, _cards, OutTrackId, _meter);
        _finisher = new CardFinisher(_flow, _cards, _store, _account.Id, _time, _locale, _logger, LogStoreFailedAsync);
        // Owned: awaited by CompleteAsync and DisposeAsync. Calls to DingTalk are not cancelled: the card must end.
        _run = RunAsync(CancellationToken.None);
    }

    /// <summary>The card's id (known before it is created).</summary>
    public string OutTrackId { get; }

    public CancellationToken StopRequested => _stopToken;

    public bool IsCompleted => _state.IsEnding;

    public ValueTask WriteAsync(ReplyUpdate update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        ObjectDisposedException.ThrowIf(IsCompleted, this);
        switch (update)
        {
            case ReplyTextDelta delta:
                _state.Append(delta.Text);
                break;
            case ReplyStatus { Kind: ReplyStatusKind.ToolCall } call:
                _state.StartStep(call.Text);
                break;
            case ReplyStatus { Kind: ReplyStatusKind.ToolDone } done:
                _state.FinishStep(done.Text, CardToolStepOutcome.Done);
                break;
            case ReplyStatus { Kind: ReplyStatusKind.ToolFailed } failed:
                _state.FinishStep(failed.Text, CardToolStepOutcome.Failed);
                break;
            case ReplyStatus status:
                _state.SetStatus(status.Text);
                break;
            case ReplyFile file:
                lock (_files)
                {
                    _files.Add(file.File);
                }

                break;
        }

        return ValueTask.CompletedTask;
    }

    public async Task<ReplyOutcome> CompleteAsync(ReplyEnd end, string? note, CancellationToken cancellationToken)
    {
        _state.TryEnd(end, note);
        return await _run.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _state.TryEnd(ReplyEnd.Interrupted, null);
        await _run;
        _stop.Dispose();
    }

    /// <summary>
    /// Clustered, the message taken over by another replica: streaming stops and the card is neither finalized nor given
    /// up; its open-card row stays for the new owner, which resumes the answer in it or ends it. A card already ending
    /// (its final update under way) ends as it would.
    /// </summary>
    public async Task AbandonAsync()
    {
        Volatile.Write(ref _abandoned, 1);
        await DisposeAsync();
    }

    private async Task<ReplyOutcome> RunAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        Exception? failure = null;
        var created = false;
        var keepOpen = false;
        ReplyOutcome? outcome = null;
        IDisposable? registration = null;
        try
        {
            var reset = false;
            try
            {
                await WaitForCardBeforeAsync(cancellationToken);
                reset = await OpenCardAsync(cancellationToken);
                created = true;
            }
            catch (Exception ex) when (IsCallFailure(ex, cancellationToken))
            {
                failure = ex;
                LogCreateFailed(_logger, _account.Id, _message.MessageId, ex.Message, ex);
                if (!MayExist(ex))
                {
                    // No card was made (refused, throttled): nothing for the next start to end.
                    await StoreAsync(() => _store.RemoveAsync(_account.Id, OutTrackId, cancellationToken));
                }
            }
            finally
            {
                // Created, failed or given up: the conversation's next card may be created now.
                _ticket?.Opened();
            }

            if (created)
            {
                registration = _registry.Register(OutTrackId, _message.Sender.StaffId, _stop);
                var streamer = new CardStreamer(
                    _flow, _store, _account.Id, _state, new CardStreamBudget(_account.CardStreamInterval, _account.CardMaxUpdates), _time, ex => LogStoreFailedAsync(ex), _locale);
                try
                {
                    if (reset)
                    {
                        // The crashed run's partial text goes at once; the resumed answer replaces it as it streams.
                        await _flow.StreamAsync(CardTexts.Resuming.For(_locale), isFinalize: false, isError: false, cancellationToken);
                    }

                    await streamer.RunAsync(cancellationToken);
                }
                catch (Exception ex) when (IsCallFailure(ex, cancellationToken))
                {
                    failure = ex;
                    LogStreamingFailed(_logger, _account.Id, OutTrackId, ex.Message, ex);
                    await _finisher.GiveUpAsync(_state.Read().Text, cancellationToken);
                }
            }

            await _state.Ending.WaitAsync(cancellationToken);
            if (Volatile.Read(ref _abandoned) == 1)
            {
                return outcome = Abandoned(created ? 1 : 0);
            }

            var snapshot = _state.Read();
            var end = snapshot.End ?? ReplyEnd.Interrupted;
            var files = await PrepareFilesAsync(cancellationToken);
            var answer = ReplyNotes.Apply(files.AppendTo(snapshot.Text), end, snapshot.Note, _locale);
            // The final card keeps one summary line of its tool steps above the answer; the markdown fallback does not.
            var cardAnswer = CardStepNotes.WithSummary(answer, snapshot.Steps, _locale);
            Exception? endFailure = null;
            if (created && failure is null)
            {
                (failure, endFailure) = await _finisher.EndAsync(cardAnswer, end, snapshot.Text, cancellationToken);
            }

            if (created && failure is null)
            {
                // The whole answer is on the card; only its state may be left. A card that could not be ended for throttling
                // or an outage stays in the open-card store, delivered with the whole answer, so the next start ends it.
                if (endFailure is not null)
                {
                    keepOpen = CardModeGate.IsThrottlingOrServerError(endFailure);
                    _gate.RecordFailure(endFailure);
                    if (keepOpen && end == ReplyEnd.Interrupted)
                    {
                        await StoreAsync(() => _store.UpdateContentAsync(_account.Id, OutTrackId, answer, _time.GetUtcNow(), cancellationToken));
                    }
                }
                else
                {
                    _gate.RecordSuccess();
                }

                var (fileMessages, fileError) = await _attachments.SendFollowUpsAsync(_message, files, _meter, cancellationToken);
                return outcome = new ReplyOutcome
                {
                    End = end, Delivered = true, Mode = ReplyMode.Card, Messages = 1 + fileMessages, ApiCalls = _meter.Snapshot(), Error = fileError,
                };
            }

            _gate.RecordFailure(failure!);
            return outcome = await FallBackAsync(answer, files, end, created, cancellationToken);
        }
        finally
        {
            registration?.Dispose();
            // Kept open when nothing reached the user (DingTalk unreachable, the host dying under the reply) or when the
            // card could not be ended: the next start ends the card instead of leaving it spinning forever.
            if (created && outcome?.Delivered == true && !keepOpen)
            {
                await StoreAsync(() => _store.RemoveAsync(_account.Id, OutTrackId, cancellationToken));
            }
        }
    }

    // The card of the conversation's message before is created first (it would otherwise be shown below this one when
    // both wait for a permit of a full card bucket). A wait that runs out goes ahead: order is lost, nothing else.
    private async Task WaitForCardBeforeAsync(CancellationToken cancellationToken)
    {
        if (_ticket is null || _ticket.IsFirst)
        {
            return;
        }

        if (!await _ticket.WaitForTurnAsync(_time, cancellationToken))
        {
            LogCardBeforeSlow(_logger, _account.Id, _message.MessageId, CardOpeningOrder.MaxWait);
        }
    }

    // Records the card (creating) and creates it, or takes over the card of a crashed run. True when that card may show
    // the crashed run's text and must be reset.
    private async Task<bool> OpenCardAsync(CancellationToken cancellationToken)
    {
        if (_resumed is { State: OpenCardState.Created })
        {
            LogResumingCard(_logger, _account.Id, OutTrackId, _message.MessageId);
            return true;
        }

        if (_resumed is null)
        {
            var now = _time.GetUtcNow();
            // Before the call: a crash between an accepted create and this record would leave a card nobody ends.
            await StoreAsync(
                () => _store.AddAsync(
                    new OpenCard
                    {
                        AccountId = _account.Id, OutTrackId = OutTrackId, ConversationId = _message.ConversationId, MessageKey = _messageKey,
                        OwnerUserId = _message.Sender.StaffId, State = OpenCardState.Creating, CreatedAt = now, UpdatedAt = now,
                    },
                    cancellationToken));
        }

        var reset = false;
        try
        {
            await _cards.CreateAndDeliverAsync(_target, OutTrackId, CardVariables.Create(_account), _meter, cancellationToken);
        }
        catch (DingTalkApiException ex) when (_resumed is not null && ex.Code == AlreadyExistsCode)
        {
            // The crashed run's create was accepted after all: the same card goes on.
            LogResumingCard(_logger, _account.Id, OutTrackId, _message.MessageId);
            reset = true;
        }

        await StoreAsync(() => _store.MarkAsync(_account.Id, OutTrackId, OpenCardState.Created, null, _time.GetUtcNow(), cancellationToken));
        return reset;
    }

    // A failed create that may still have made the card (no answer, 5xx, timeout): its record stays, so the next start
    // ends it (or forgets it when DingTalk does not know it).
    private static bool MayExist(Exception ex) =>
        ex is not DingTalkApiException || ex is DingTalkApiException { HttpStatus: >= 500 } or DingTalkApiException { HttpStatus: 0, Code: "network" };

    // Images were uploaded once already (their media ids are in the answer); follow-up files go after the markdown.
    private async Task<ReplyFilesPlan> PrepareFilesAsync(CancellationToken cancellationToken)
    {
        List<OutboundFile> files;
        lock (_files)
        {
            files = [.. _files];
        }

        return await _attachments.PrepareAsync(files, _meter, cancellationToken);
    }

    private async Task<ReplyOutcome> FallBackAsync(string answer, ReplyFilesPlan files, ReplyEnd end, bool cardShown, CancellationToken cancellationToken)
    {
        var cardMessages = cardShown ? 1 : 0;
        try
        {
            var messages = await _replier.SendAsync(_message, answer, _meter, cancellationToken);
            var (fileMessages, fileError) = await _attachments.SendFollowUpsAsync(_message, files, _meter, cancellationToken);
            return new ReplyOutcome
            {
                End = end, Delivered = true, Mode = ReplyMode.Markdown, FellBack = true, Messages = messages + cardMessages + fileMessages,
                ApiCalls = _meter.Snapshot(), Error = fileError,
            };
        }
        catch (Cluster.ReplyLeaseLostException)
        {
            // Clustered: another replica took the message over; nothing was sent and the journal entry is left to it.
            return Abandoned(cardMessages);
        }
        catch (Exception ex) when (IsCallFailure(ex, cancellationToken))
        {
            LogFallbackFailed(_logger, _account.Id, _message.MessageId, ex.Message, ex);
            return new ReplyOutcome
            {
                End = end, Delivered = false, Mode = ReplyMode.Markdown, FellBack = true, Messages = cardMessages, ApiCalls = _meter.Snapshot(), Error = ex.Message,
            };
        }
    }

    // Nothing more was sent and the journal entry is not closed (an interrupted end): the new owner answers the message.
    private ReplyOutcome Abandoned(int cardMessages) => new()
    {
        End = ReplyEnd.Interrupted, Delivered = false, Mode = ReplyMode.Card, Messages = cardMessages, ApiCalls = _meter.Snapshot(),
        Error = "another replica took the message over",
    };

    private async Task StoreAsync(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await LogStoreFailedAsync(ex);
        }
    }

    private Task LogStoreFailedAsync(Exception ex)
    {
        LogStoreFailed(_logger, _account.Id, OutTrackId, ex.Message, ex);
        return Task.CompletedTask;
    }

    // Anything but our own cancellation: an unexpected answer shape must not lose the answer either.
    internal static bool IsCallFailure(Exception ex, CancellationToken cancellationToken) =>
        ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested;
}
