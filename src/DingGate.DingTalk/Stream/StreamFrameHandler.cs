using System.Net.WebSockets;
using System.Threading.Channels;
using DingGate.Core.Storage;
using DingGate.DingTalk.Stream.Frames;
using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk.Stream;

/// <summary>
/// What the socket reader does with one frame, and nothing more: parse; SYSTEM ping → pong, disconnect → ACK + go-away;
/// EVENT/CALLBACK → journal durably, THEN ACK, THEN enqueue (a redelivered key is ACKed, not enqueued again). Never
/// throws for bad input; a journal failure leaves the push un-ACKed so the platform redelivers it. A card callback's ACK
/// carries the answer of <paramref name="cardCallbacks"/> (none: <c>{}</c>, "no change"). A frame without
/// <c>headers.messageId</c> is still handled (spec §1.4 says it is only "usually" present on a disconnect): a disconnect
/// still means go-away, a push with its own key (bot <c>msgId</c>, EVENT <c>eventId</c>) is journaled and delivered;
/// only the ACK, which the server correlates by messageId, is left out.
/// </summary>
internal sealed partial class StreamFrameHandler(
    string accountId, IInboundJournal journal, ChannelWriter<StreamDelivery> deliveries, TimeProvider time, StreamMetrics metrics, ILogger logger,
    ICardCallbackResponder? cardCallbacks = null, Cluster.ReplicaLeases? leases = null)
{
    public async Task<FrameOutcome> HandleAsync(string text, long receivedAt, Func<string, CancellationToken, Task> send, CancellationToken cancellationToken)
    {
        var parsed = StreamFrameParser.Parse(text);
        if (parsed.Frame is not { } frame)
        {
            metrics.FrameReceived(accountId, "invalid");
            LogInvalidFrame(logger, accountId, parsed.Error!);
            return FrameOutcome.Continue;
        }

        metrics.FrameReceived(accountId, frame.Type);
        LogFrame(logger, accountId, frame.Type, frame.Topic, frame.MessageId, frame.Data);
        var messageId = frame.MessageId is { Length: > 0 } id ? id : null;
        switch (frame.Type)
        {
            case StreamHeaders.TypeSystem:
                return await HandleSystemAsync(frame, messageId, receivedAt, send, cancellationToken);
            case StreamHeaders.TypeCallback or StreamHeaders.TypeEvent:
                await HandlePushAsync(frame, messageId, receivedAt, send, cancellationToken);
                return FrameOutcome.Continue;
            default:
                LogUnknownType(logger, accountId, frame.Type);
                return FrameOutcome.Continue;
        }
    }

    private async Task<FrameOutcome> HandleSystemAsync(
        StreamFrame frame, string? messageId, long receivedAt, Func<string, CancellationToken, Task> send, CancellationToken cancellationToken)
    {
        switch (frame.Topic)
        {
            case StreamHeaders.PingTopic:
                if (messageId is null)
                {
                    // The pong is matched by messageId: there is nothing to answer.
                    LogNoMessageId(logger, accountId, frame.Type, frame.Topic);
                    return FrameOutcome.Continue;
                }

                await send(AckFrames.System(messageId, frame.Data), cancellationToken);
                metrics.AckSent(accountId, frame.Type, time.GetElapsedTime(receivedAt));
                return FrameOutcome.Continue;
            case StreamHeaders.DisconnectTopic:
                // ACKed when it can be (harmless, and some servers are said to retry an un-ACKed disconnect, spec
                // §1.5.4); the warm reconnect happens either way.
                if (messageId is not null)
                {
                    await send(AckFrames.System(messageId, frame.Data), cancellationToken);
                }

                LogDisconnect(logger, accountId, frame.Data);
                return FrameOutcome.GoAway;
            default:
                LogUnknownSystemTopic(logger, accountId, frame.Topic);
                return FrameOutcome.Continue;
        }
    }

    private async Task HandlePushAsync(
        StreamFrame frame, string? messageId, long receivedAt, Func<string, CancellationToken, Task> send, CancellationToken cancellationToken)
    {
        var topic = frame.Topic ?? string.Empty;
        var data = frame.Data ?? string.Empty;
        if (StreamMessageKeys.For(frame, messageId) is not { } key)
        {
            // Neither ACKable nor deduplicable (a redelivery could not be told apart): refused, loudly.
            LogNoMessageId(logger, accountId, frame.Type, frame.Topic);
            return;
        }

        var now = time.GetUtcNow();
        bool fresh;
        try
        {
            // Clustered: the entry is this replica's from the start (the same INSERT decides the dedup claim), with its lane.
            var entry = leases is { Clustered: true }
                ? new InboundJournalEntry(accountId, key, topic, data, now, LeaseOwner: leases.Owner, LeaseUntil: now + leases.Lease, Lane: Inbound.JournalLane.Of(topic, data))
                : new InboundJournalEntry(accountId, key, topic, data, now);
            fresh = await journal.AppendAsync(entry, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogJournalFailed(logger, ex, accountId, topic, key);
            return;
        }

        Exception? ackFailure = null;
        try
        {
            if (messageId is null)
            {
                LogUnackable(logger, accountId, frame.Type, topic, key);
            }
            else
            {
                await send(Ack(frame, messageId, topic, data), cancellationToken);
                metrics.AckSent(accountId, frame.Type, time.GetElapsedTime(receivedAt));
            }
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException)
        {
            // Journaled but not ACKed: still hand it over (the redelivery will be a duplicate), then let the reader see the dead link.
            ackFailure = ex;
        }

        if (fresh)
        {
            await deliveries.WriteAsync(new StreamDelivery(accountId, frame.Type, topic, frame.Headers, data, key, now), cancellationToken);
        }
        else
        {
            metrics.Duplicate(accountId);
            LogDuplicate(logger, accountId, topic, key);
        }

        if (ackFailure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ackFailure);
        }
    }

    /// <summary>
    /// A frame over the size limit (<paramref name="size"/> bytes; only its first bytes, <paramref name="prefix"/>, were
    /// kept): never processed, never silently dropped. Its headers are read from the prefix; a push is journaled as
    /// failed with the reason (durably, as any push), then ACKed with code 200 and the reason (a redelivery would be just
    /// as large), with a warning and the oversized-frames metric. The sender is not told: the conversation and the
    /// session webhook are inside the unread <c>data</c>. A push without messageId cannot be ACKed or keyed: logged only.
    /// </summary>
    public async Task HandleOversizedAsync(
        ReadOnlyMemory<byte> prefix, long size, int limit, long receivedAt, Func<string, CancellationToken, Task> send, CancellationToken cancellationToken)
    {
        var frame = OversizedFrameProbe.Read(prefix.Span);
        var reason = $"frame too large: {size} bytes, over the client's limit of {limit} bytes; not processed";
        metrics.Oversized(accountId);
        metrics.FrameReceived(accountId, frame.Type ?? "unknown");
        LogOversized(logger, accountId, frame.Type, frame.Topic, frame.MessageId, size, limit);
        if (frame.Type is not (StreamHeaders.TypeCallback or StreamHeaders.TypeEvent) || frame.MessageId is not { } messageId)
        {
            return;
        }

        var key = frame.Type == StreamHeaders.TypeEvent && frame.EventId is { } eventId ? "event:" + eventId : messageId;
        var topic = frame.Topic ?? string.Empty;
        try
        {
            var entry = new InboundJournalEntry(accountId, key, topic, string.Empty, time.GetUtcNow(), InboundState.Failed, 0, reason);
            if (!await journal.AppendAsync(entry, cancellationToken))
            {
                metrics.Duplicate(accountId);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogJournalFailed(logger, ex, accountId, topic, key);
            return;
        }

        await send(AckFrames.Refused(messageId, frame.Type, reason), cancellationToken);
        metrics.AckSent(accountId, frame.Type, time.GetElapsedTime(receivedAt));
    }

    private string Ack(StreamFrame frame, string messageId, string topic, string data) =>
        frame.Type == StreamHeaders.TypeEvent ? AckFrames.Event(messageId, success: true)
        : topic == StreamHeaders.CardCallbackTopic ? AckFrames.Callback(messageId, CardResponse(data))
        : AckFrames.Callback(messageId);

    // Asked again for a redelivered callback too (the responder's actions are idempotent, and the platform wants the
    // answer in every ACK). A responder bug must not kill the reader: the ACK then says "no change".
    private string CardResponse(string data)
    {
        if (cardCallbacks is null)
        {
            return "{}";
        }

        try
        {
            return cardCallbacks.Respond(data) is { Length: > 0 } response ? response : "{}";
        }
        catch (Exception ex)
        {
            LogCardResponderFailed(logger, ex, accountId);
            return "{}";
        }
    }
}
