using System.Threading.Channels;
using DingGate.Core.Configuration;
using DingGate.Core.Inbound;
using DingGate.Core.Storage;
using DingGate.Core.Replies;
using DingGate.Core.Texts;
using DingGate.DingTalk.Api;
using DingGate.DingTalk.Replies;
using DingGate.DingTalk.Replies.Sending;
using DingGate.DingTalk.Policies;
using DingGate.DingTalk.Policies.Owners;
using DingGate.DingTalk.Stream;
using DingGate.DingTalk.Stream.Frames;
using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk.Inbound;

/// <summary>
/// Consumes journaled pushes of one account: dedup (persistent, per account) → parse → access policy → media download
/// (only for a message the policy let through) → the <see cref="IInboundHandler"/>, or a reply to a denied/pairing
/// sender. Messages run in per-conversation lanes (<see cref="ConversationLanes{T}"/>): one conversation's messages in
/// arrival order, different conversations in parallel (bounded), so a slow download in one conversation delays no
/// other. Keeps the journal state true at every step. One failing message never stops the loop.
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
    InboundLaneOptions lanes,
    TimeProvider time,
    ILogger<InboundDispatcher> logger,
    LiveAccount? live = null,
    OwnerAdmin? owners = null,
    Cluster.ReplicaLeases? leases = null,
    Cluster.TakeoverRecovery? takeover = null)
{
    /// <summary>
    /// Processes entries a previous run journaled but did not finish (call before the stream starts), in their
    /// conversations' lanes; returns when every one is done, so the replies they started have claimed their cards.
    /// </summary>
    public async Task<int> ResumeAsync(CancellationToken cancellationToken) =>
        await ResumeAsync(await journal.ListUnfinishedAsync(account.Id, cancellationToken), cancellationToken);

    /// <summary>Processes <paramref name="unfinished"/> (journal entries this run took over) in their lanes; returns when every one is done.</summary>
    private async Task<int> ResumeAsync(IReadOnlyList<InboundJournalEntry> unfinished, CancellationToken cancellationToken)
    {
        await RunLanesAsync(
            async (running, _) =>
            {
                foreach (var entry in unfinished)
                {
                    await running.EnqueueAsync(LaneOf(entry.Topic, entry.MessageKey, entry.Payload, out var parsed), new InboundWork(entry.Topic, entry.MessageKey, entry.Payload, parsed, entry));
                }
            },
            cancellationToken);

        // Stopped part-way: the start must not go on as if every entry was resumed (the cards left for unresumed
        // entries would be ended as unclaimed).
        cancellationToken.ThrowIfCancellationRequested();
        return unfinished.Count;
    }

    /// <summary>Runs until <paramref name="deliveries"/> completes or the token is cancelled; every lane is awaited before it returns.</summary>
    public Task RunAsync(ChannelReader<StreamDelivery> deliveries, CancellationToken cancellationToken) =>
        RunLanesAsync(
            async (running, token) =>
            {
                await foreach (var delivery in deliveries.ReadAllAsync(token))
                {
                    await running.EnqueueAsync(
                        LaneOf(delivery.Topic, delivery.MessageKey, delivery.Data, out var parsed), new InboundWork(delivery.Topic, delivery.MessageKey, delivery.Data, parsed, null));
                }
            },
            cancellationToken);

    // Feeds the lanes, then waits for every lane worker (also when feeding stopped or failed). Cancellation is a
    // normal end: unfinished entries stay in the journal and are resumed on the next start.
    private async Task RunLanesAsync(Func<ConversationLanes<InboundWork>, CancellationToken, Task> feed, CancellationToken cancellationToken)
    {
        using var running = new ConversationLanes<InboundWork>(lanes, ProcessAsync, cancellationToken, leases is { Clustered: true } ? BeforeRunAsync : null);
        try
        {
            await feed(running, running.Stopping);
        }
        catch (OperationCanceledException) when (running.Stopping.IsCancellationRequested)
        {
            // Stopping (or a lane failed: CompleteAsync rethrows that).
        }
        finally
        {
            await running.CompleteAsync();
        }
    }

    // The lane of a push: its conversation, so one conversation's messages keep their order. What cannot be parsed
    // (or is no bot message) has no conversation and runs in a lane of its own. Replicas: so does a stop, which must
    // reach the turn it stops while the conversation's lane here waits for another replica's earlier turn.
    private string LaneOf(string topic, string key, string payload, out ParseResult? parsed)
    {
        parsed = topic == StreamHeaders.BotMessageTopic ? preparer.Parse(payload, key) : null;
        return parsed is ParseResult.Ok { Message: var message } && !IsClusteredStop(message)
            ? JournalLane.ConversationPrefix + message.ConversationId
            : "message:" + key;
    }

    private bool IsClusteredStop(InboundMessage message) => leases is { Clustered: true } && StopCommand.Is(message);

    private async Task ProcessAsync(InboundWork work, CancellationToken cancellationToken)
    {
        if (leases is not { Clustered: true })
        {
            await ProcessOnceAsync(work, cancellationToken);
            return;
        }

        try
        {
            await ProcessOnceAsync(work, cancellationToken);
        }
        finally
        {
            // Handed over (or given up): a later message of its conversation no longer waits for it here.
            HandedOver(work.Key);
        }
    }

    // Clustered, in the lane before the work takes a parallel slot: an earlier message of this conversation another
    // replica holds is answered first (the wait holds this conversation's lane only).
    private async Task BeforeRunAsync(InboundWork work, CancellationToken cancellationToken)
    {
        if (work.Parsed is not ParseResult.Ok { Message: var parsed } || StopCommand.Is(parsed))
        {
            return;
        }

        try
        {
            await WaitForEarlierTurnsAsync(JournalLane.ConversationPrefix + parsed.ConversationId, work.Key, cancellationToken);
        }
        catch
        {
            HandedOver(work.Key);
            throw;
        }
    }

    private async Task ProcessOnceAsync(InboundWork work, CancellationToken cancellationToken)
    {
        if (work.Resumed is { } entry)
        {
            if (await ClosedFromOutboxAsync(entry.MessageKey, cancellationToken))
            {
                return;
            }

            LogResuming(account.Id, entry.State);
            if (poison.IsPoison(entry))
            {
                await poison.GiveUpAsync(entry, cancellationToken);
                return;
            }
        }

        try
        {
            await ProcessCoreAsync(work, cancellationToken);
        }
        catch (Cluster.ReplyLeaseLostException)
        {
            // Clustered: another replica took this message over while this one stalled; its reply is not sent here and its
            // journal entry is the new owner's (logged where the send was refused).
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailed(account.Id, ex);
            await journal.MarkAsync(account.Id, work.Key, InboundState.Failed, ex.GetType().Name + ": " + ex.Message, CancellationToken.None);
        }
    }

    private async Task ProcessCoreAsync(InboundWork work, CancellationToken cancellationToken)
    {
        var key = work.Key;
        if (work.Topic != StreamHeaders.BotMessageTopic)
        {
            // Events and card callbacks were ACKed by the stream client; a click on an owner's pairing card is decided
            // here (from the journal: resumed after a crash, never handed over twice), other pushes are not consumed.
            string? handled = null;
            if (work.Topic == StreamHeaders.CardCallbackTopic && owners is not null)
            {
                // Counted as an attempt, so a click that stops the gateway every time is given up as poison.
                await journal.MarkAsync(account.Id, key, InboundState.Processing, "card callback", cancellationToken);
                handled = await owners.Cards.HandleAsync(work.Payload, cancellationToken);
            }
            await journal.MarkAsync(account.Id, key, InboundState.Answered, handled ?? "not a bot message: " + work.Topic, cancellationToken);
            return;
        }

        var now = time.GetUtcNow();
        if (!await dedup.TryMarkSeenAsync(account.Id, key, now, now + account.DedupTtl, cancellationToken) && work.Resumed is null)
        {
            // A fresh journal row with a live mark: the first copy's row was purged by retention (only finished rows
            // are). Close this row too, or the next start would resume it — past the dedup check — and answer twice.
            LogDuplicate(account.Id);
            metrics.DedupHit(account.Id);
            await journal.MarkAsync(account.Id, key, InboundState.Answered, "duplicate: already answered", cancellationToken);
            return;
        }

        await journal.MarkAsync(account.Id, key, InboundState.Processing, null, cancellationToken);
        switch (work.Parsed ?? preparer.Parse(work.Payload, key))
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

    // The policy is decided from the payload alone, before anything is fetched: a denied, ignored or pairing sender's
    // files are never downloaded (no download call, nothing under media/). Only an allowed message is downloaded.
    // Owner commands (/approve, /pending, …) never reach the agent: an owner's runs (in a DM; refused in a group), anyone
    // else allowed here reads a refusal, and a sender the policy stops gets the policy's answer as for any message.
    private async Task DecideAsync(InboundMessage message, string key, CancellationToken cancellationToken)
    {
        metrics.Received(account.Id, message.Conversation == ConversationKind.Group);
        var command = owners is null ? null : OwnerAdmin.CommandOf(message);
        if (command is not null && owners!.IsOwner(message))
        {
            await ReplyAndCloseAsync(message, key, await owners.AnswerOwnerAsync(command, message, cancellationToken), "owner command " + command.Kind, cancellationToken);
            return;
        }

        // The policy keys (dmPolicy, groupPolicy, allowFrom, groups, owners) as a config reload left them.
        var decision = await policy.DecideAsync(live?.Current ?? account, message, cancellationToken);
        metrics.Decided(account.Id, decision.GetType().Name);
        if (decision is PolicyDecision.Allow)
        {
            if (command is not null)
            {
                await ReplyAndCloseAsync(message, key, owners!.Refusal, "owner command " + command.Kind + " refused: not an owner", cancellationToken);
                return;
            }

            await HandOverAsync(await preparer.DownloadAsync(message, cancellationToken), key, cancellationToken);
            return;
        }

        if (decision.Reply is not { } reply)
        {
            await journal.MarkAsync(account.Id, key, InboundState.Answered, "not answered: " + decision.GetType().Name + NotFetched(message), cancellationToken);
            return;
        }

        await ReplyAndCloseAsync(message, key, reply, "policy: " + decision.GetType().Name, cancellationToken);
        if (decision is PolicyDecision.PairingIssued or PolicyDecision.PairingPending && owners is not null)
        {
            // A new code goes to the owners; a pending one was sent when issued (or is sent now, after a crash in between).
            await owners.Notifier.NotifyPendingAsync(cancellationToken);
        }
    }

    // Webhook while valid, else the OpenAPI; a group sender is @-mentioned; undelivered, it waits in the reply outbox.
    private async Task ReplyAndCloseAsync(InboundMessage message, string key, string reply, string what, CancellationToken cancellationToken)
    {
        var notFetched = NotFetched(message);
        var delivery = await replier.DeliverAsync(message, key, reply, final: true, new ApiCallMeter(), cancellationToken);
        await journal.MarkAsync(
            account.Id, key, delivery.Delivered || delivery.Queued ? InboundState.Answered : InboundState.Failed,
            what + notFetched + (delivery.Delivered ? string.Empty : $" (reply outbox #{delivery.OutboxId}, {delivery.State}: {delivery.Error})"),
            cancellationToken);
    }

    private static string NotFetched(InboundMessage message) =>
        InboundPreparer.AttachmentCount(message) is var files && files == 0 ? string.Empty : $"; {files} attachment(s) not downloaded";

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
                await reply.CompleteAsync(ReplyEnd.Failed, ReplyTexts.HandlingFailed.For((live?.Current ?? account).Locale), CancellationToken.None);
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
