using System.Threading.Channels;
using DingGate.Core.Configuration;
using DingGate.Core.Inbound;
using DingGate.Core.Storage;
using DingGate.Core.Replies;
using DingGate.DingTalk.Api;
using DingGate.DingTalk.Replies;
using DingGate.DingTalk.Replies.Sending;
using DingGate.DingTalk.Policies;
using DingGate.DingTalk.Stream;
using DingGate.DingTalk.Stream.Frames;
using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk.Inbound;

/// <summary>
/// Consumes journaled pushes of one account: dedup (persistent, per account) → parse + media → access policy → the
/// <see cref="IInboundHandler"/>, or a reply to a denied/pairing sender. Keeps the journal state true at every step.
/// One failing message never stops the loop.
/// </summary>
internal sealed partial class InboundDispatcher(
    DingTalkAccount account,
    InboundPreparer preparer,
    AccessPolicy policy,
    ConversationReplier replier,
    ReplySinkFactory replies,
    IDedupStore dedup,
    IInboundJournal journal,
    IReplyOutbox outbox,
    IInboundHandler handler,
    PoisonMessages poison,
    InboundMetrics metrics,
    TimeProvider time,
    ILogger<InboundDispatcher> logger)
{
    /// <summary>Processes entries a previous run journaled but did not finish (call before the stream starts).</summary>
    public async Task<int> ResumeAsync(CancellationToken cancellationToken)
    {
        var unfinished = await journal.ListUnfinishedAsync(account.Id, cancellationToken);
        foreach (var entry in unfinished)
        {
            if (await ClosedFromOutboxAsync(entry.MessageKey, cancellationToken))
            {
                continue;
            }

            LogResuming(account.Id, entry.State);
            if (poison.IsPoison(entry))
            {
                await poison.GiveUpAsync(entry, cancellationToken);
                continue;
            }

            await ProcessAsync(entry.Topic, entry.MessageKey, entry.Payload, resumed: true, cancellationToken);
        }

        return unfinished.Count;
    }

    /// <summary>Runs until <paramref name="deliveries"/> completes or the token is cancelled.</summary>
    public async Task RunAsync(ChannelReader<StreamDelivery> deliveries, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var delivery in deliveries.ReadAllAsync(cancellationToken))
            {
                await ProcessAsync(delivery.Topic, delivery.MessageKey, delivery.Data, resumed: false, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown: unfinished entries stay in the journal and are resumed on the next start.
        }
    }

    private async Task ProcessAsync(string topic, string key, string payload, bool resumed, CancellationToken cancellationToken)
    {
        try
        {
            await ProcessCoreAsync(topic, key, payload, resumed, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailed(account.Id, ex);
            await journal.MarkAsync(account.Id, key, InboundState.Failed, ex.GetType().Name + ": " + ex.Message, CancellationToken.None);
        }
    }

    private async Task ProcessCoreAsync(string topic, string key, string payload, bool resumed, CancellationToken cancellationToken)
    {
        if (topic != StreamHeaders.BotMessageTopic)
        {
            // Events and card callbacks were ACKed by the stream client; nothing consumes them yet.
            await journal.MarkAsync(account.Id, key, InboundState.Answered, "not a bot message: " + topic, cancellationToken);
            return;
        }

        var now = time.GetUtcNow();
        if (!await dedup.TryMarkSeenAsync(account.Id, key, now, now + account.DedupTtl, cancellationToken) && !resumed)
        {
            // A fresh journal row with a live mark: the first copy's row was purged by retention (only finished rows
            // are). Close this row too, or the next start would resume it — past the dedup check — and answer twice.
            LogDuplicate(account.Id);
            metrics.DedupHit(account.Id);
            await journal.MarkAsync(account.Id, key, InboundState.Answered, "duplicate: already answered", cancellationToken);
            return;
        }

        await journal.MarkAsync(account.Id, key, InboundState.Processing, null, cancellationToken);
        switch (await preparer.PrepareAsync(payload, key, cancellationToken))
        {
            case ParseResult.Invalid invalid:
                await journal.MarkAsync(account.Id, key, InboundState.Failed, "invalid payload: " + invalid.Reason, cancellationToken);
                return;
            case ParseResult.Ignored ignored:
                await journal.MarkAsync(account.Id, key, InboundState.Answered, "ignored: " + ignored.Reason, cancellationToken);
                return;
            case ParseResult.Ok ok:
                await DecideAsync(ok.Message, key, cancellationToken);
                return;
        }
    }

    private async Task DecideAsync(InboundMessage message, string key, CancellationToken cancellationToken)
    {
        metrics.Received(account.Id, message.Conversation == ConversationKind.Group);
        var decision = await policy.DecideAsync(account, message, cancellationToken);
        metrics.Decided(account.Id, decision.GetType().Name);
        if (decision is PolicyDecision.Allow)
        {
            await HandOverAsync(message, key, cancellationToken);
            return;
        }

        if (decision.Reply is not { } reply)
        {
            await journal.MarkAsync(account.Id, key, InboundState.Answered, "not answered: " + decision.GetType().Name, cancellationToken);
            return;
        }

        // Webhook while valid, else the OpenAPI; a group sender is @-mentioned; undelivered, it waits in the reply outbox.
        var delivery = await replier.DeliverAsync(message, key, reply, final: true, new ApiCallMeter(), cancellationToken);
        await journal.MarkAsync(
            account.Id, key, delivery.Delivered || delivery.Queued ? InboundState.Answered : InboundState.Failed,
            "policy: " + decision.GetType().Name + (delivery.Delivered ? string.Empty : $" (reply outbox #{delivery.OutboxId}, {delivery.State}: {delivery.Error})"),
            cancellationToken);
    }

    // The handler owns the sink (it may answer after returning, from a queue). If it throws, the user is told and the
    // sink's completion marks the entry failed.
    private async Task HandOverAsync(InboundMessage message, string key, CancellationToken cancellationToken)
    {
        var reply = replies.Create(message, key);
        try
        {
            await handler.HandleAsync(message, reply, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailed(account.Id, ex);
            if (!reply.IsCompleted)
            {
                await reply.CompleteAsync(ReplyEnd.Failed, "处理消息时出错", CancellationToken.None);
            }

            await reply.DisposeAsync();
            await journal.MarkAsync(account.Id, key, InboundState.Failed, ex.GetType().Name + ": " + ex.Message, CancellationToken.None);
        }
    }

    // The answer of a message the last run was handling is already in the reply outbox (written before its first part
    // was sent): close the entry instead of generating the answer again; the outbox worker sends what is left.
    private async Task<bool> ClosedFromOutboxAsync(string key, CancellationToken cancellationToken)
    {
        if (await outbox.FindAnswerAsync(account.Id, key, cancellationToken) is not { } answer)
        {
            return false;
        }

        var held = answer.State is OutboxState.Failed or OutboxState.Ambiguous or OutboxState.Dropped;
        LogAnswerInOutbox(account.Id, answer.Id, answer.State);
        await journal.MarkAsync(
            account.Id, key, held ? InboundState.Failed : InboundState.Answered,
            $"answer in the reply outbox #{answer.Id} ({answer.State.ToString().ToLowerInvariant()}, {answer.DeliveredParts}/{answer.Parts.Count} parts delivered)", cancellationToken);
        return true;
    }

    [LoggerMessage(EventId = 1214, Level = LogLevel.Information, Message = "Account {AccountId}: an unfinished message's answer is already in the reply outbox #{OutboxId} ({State}); not generated again")]
    private partial void LogAnswerInOutbox(string accountId, long outboxId, OutboxState state);

    [LoggerMessage(EventId = 1211, Level = LogLevel.Information, Message = "Account {AccountId}: resuming an unfinished message ({State})")]
    private partial void LogResuming(string accountId, InboundState state);

    [LoggerMessage(EventId = 1212, Level = LogLevel.Debug, Message = "Account {AccountId}: duplicate message skipped")]
    private partial void LogDuplicate(string accountId);

    [LoggerMessage(EventId = 1213, Level = LogLevel.Error, Message = "Account {AccountId}: handling a message failed")]
    private partial void LogFailed(string accountId, Exception exception);
}
