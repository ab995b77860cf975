using System.Globalization;
using System.Text.Json;
using DingGate.Core.Configuration;
using DingGate.Core.Inbound;
using DingGate.Core.Replies;
using DingGate.Core.Storage;
using DingGate.Core.Texts;
using DingGate.DingTalk.Api;
using DingGate.DingTalk.Api.Models;
using DingGate.DingTalk.Replies.Markdown;
using DingGate.DingTalk.Replies.Outbox;
using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk.Replies.Sending;

/// <summary>
/// Sends a complete answer (markdown or plain text) into the conversation of an inbound message: tables converted,
/// split into ≤ 3 800-character chunks with balanced code fences and <c>(i/n)</c> titles, the sender @-mentioned in
/// groups. The whole answer is written to the reply outbox first (all parts), and each part is recorded the moment
/// DingTalk accepts it. A part goes through the message's session webhook (1 call, no token) while it is valid, and
/// through the robot OpenAPI when it has expired or refuses. What neither path delivered stays in the outbox: retried
/// by the <see cref="OutboxDeliveryWorker"/> (not delivered), held for the operator (ambiguous) or failed (permanent).
/// </summary>
internal sealed partial class ConversationReplier(
    DingTalkAccount account, DingTalkApiClient api, RobotMessageSender robot, IReplyOutbox outbox, OutboxWakeup wakeup, ReplyMetrics metrics,
    TimeProvider time, ILogger<ConversationReplier> logger, LiveAccount? live = null, Cluster.ReplicaLeases? leases = null)
{
    /// <summary>A webhook this close to its expiry is treated as expired (the call itself takes time).</summary>
    public static readonly TimeSpan WebhookSafetyMargin = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Sends <paramref name="answer"/> through the outbox as a text that is not known to be the message's final answer
    /// (a resume still answers the message; the card fallback, which may carry an interrupted note, uses this); returns
    /// the number of messages sent (those still queued are the worker's now). Throws when it ended failed or ambiguous
    /// (it stays in the outbox for the operator). Callers that know use <see cref="DeliverAsync"/> with <c>final</c>.
    /// </summary>
    public async Task<int> SendAsync(InboundMessage message, string answer, ApiCallMeter meter, CancellationToken cancellationToken)
    {
        var delivery = await DeliverAsync(message, message.MessageId, answer, final: false, meter, cancellationToken);
        return delivery.Delivered || delivery.Queued
            ? delivery.Messages
            : throw new MessageSendException($"The answer to message {message.MessageId} was not delivered (reply outbox #{delivery.OutboxId}, {delivery.State.ToString().ToLowerInvariant()}): {delivery.Error}");
    }

    /// <summary>
    /// Writes <paramref name="answer"/> to the outbox (<paramref name="final"/>: it is the message's answer, a resume must not
    /// generate it again) and sends its parts. Never throws for a refused send: the result says how far it got.
    /// </summary>
    public async Task<ReplyDelivery> DeliverAsync(
        InboundMessage message, string messageKey, string answer, bool final, ApiCallMeter meter, CancellationToken cancellationToken)
    {
        var text = account.ConvertMarkdownTables ? MarkdownTableConverter.Convert(answer) : answer;
        var mention = MentionOf(message);
        var chunks = MarkdownChunker.Split(text, MarkdownChunker.DefaultLimit - (mention is null ? 0 : GroupMention.Length(mention)));
        var title = ReplyTitle.From(text, ReplyTexts.Title.For((live?.Current ?? account).Locale));
        var entry = new OutboxEntry
        {
            AccountId = account.Id,
            MessageKey = messageKey,
            Final = final,
            ConversationId = message.ConversationId,
            IsGroup = message.Conversation == ConversationKind.Group,
            UserId = message.Sender.StaffId is { Length: > 0 } staff ? staff : null,
            Webhook = message.ReplyWebhook?.AbsoluteUri,
            WebhookExpiresAt = message.ReplyWebhookExpiresAt,
            Markdown = MarkdownDetector.LooksLikeMarkdown(text),
            Parts = [.. chunks.Select((c, i) => new OutboxPart(chunks.Count == 1 ? title : $"{title} ({i + 1}/{chunks.Count})", c))],
            CreatedAt = time.GetUtcNow(),
            // Clustered: this replica sends it, and no other touches it while the lease is renewed.
            LeaseOwner = leases is { Clustered: true } ? leases.Owner : null,
            LeaseUntil = leases is { Clustered: true } ? leases.UntilFromNow : null,
        };

        // Durable before the first part goes out: a crash from here on never regenerates or loses the answer.
        // Clustered: only while no other replica took the message over (a takeover after this finds the answer here).
        var id = leases is { Clustered: true }
            ? await outbox.AddLeasedAsync(entry, cancellationToken) ?? throw LeaseLost(null, messageKey)
            : await outbox.AddAsync(entry, cancellationToken);
        return await SendPartsAsync(entry with { Id = id }, fromWorker: false, meter, cancellationToken);
    }

    /// <summary>Sends what an outbox entry has left (the worker's retry); records the attempt either way.</summary>
    public async Task<ReplyDelivery> RetryAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        // With its attempt history (a listed entry may come without it): the ambiguous re-send rule reads it.
        var full = await outbox.FindAsync(entry.Id, cancellationToken) ?? entry;
        return await SendPartsAsync(full, fromWorker: true, new ApiCallMeter(), cancellationToken);
    }

    /// <summary>The OpenAPI target of a message's conversation: the sender's 1:1 chat or the group.</summary>
    public static MessageTarget TargetOf(InboundMessage message) =>
        message.Conversation == ConversationKind.Group
            ? new MessageTarget(MessageTargetKind.Group, message.ConversationId)
            : new MessageTarget(MessageTargetKind.User, message.Sender.StaffId
                ?? throw new MessageSendException($"The session webhook of message {message.MessageId} is expired and its sender has no staff id (an external user), so DingTalk's OpenAPI cannot reach them."));

    private async Task<ReplyDelivery> SendPartsAsync(OutboxEntry entry, bool fromWorker, ApiCallMeter meter, CancellationToken cancellationToken)
    {
        var useWebhook = true;
        var sent = 0;
        for (var i = entry.DeliveredParts; i < entry.Parts.Count; i++)
        {
            // The part is marked in flight when its call goes on the wire, not before it waits for the QPS bucket, a
            // throttle window or a token: a crash during those waits leaves it unsent, not ambiguous.
            var part = i;
            var hooks = new ApiSendHooks
            {
                BeforeSend = ct => BeginPartAsync(entry.Id, part, ct),
                // A throttle code or a revoked token: DingTalk refused it; the part is unsent while the call waits to retry.
                Refused = () => outbox.EndPartAsync(entry.Id, part, time.GetUtcNow(), CancellationToken.None),
            };
            try
            {
                if (useWebhook && WebhookUsable(entry))
                {
                    try
                    {
                        await PostWebhookAsync(entry, i, meter, hooks, cancellationToken);
                        await outbox.PartDeliveredAsync(entry.Id, i, time.GetUtcNow(), CancellationToken.None);
                        sent++;
                        continue;
                    }
                    catch (OutboxEntryDroppedException)
                    {
                        throw;
                    }
                    catch (Exception ex) when (DeliveryErrors.Classify(ex, cancellationToken) is { } failure)
                    {
                        if (failure.Class == DeliveryErrorClass.Ambiguous)
                        {
                            return await FailAsync(entry, i, "webhook", failure, sent);
                        }

                        // Expired, refused or throttled webhook: DingTalk did not show it; the OpenAPI may. Unsent while the
                        // fallback waits for its bucket and token (a crash there re-sends it, not holds it as ambiguous).
                        await outbox.EndPartAsync(entry.Id, i, time.GetUtcNow(), CancellationToken.None);
                        LogWebhookRefused(logger, account.Id, ex is DingTalkApiException api ? api.Code ?? api.HttpStatus.ToString(CultureInfo.InvariantCulture) : ex.GetType().Name, ex);
                        useWebhook = false;
                    }
                }

                try
                {
                    await SendByOpenApiAsync(entry, i, meter, hooks, cancellationToken);
                    await outbox.PartDeliveredAsync(entry.Id, i, time.GetUtcNow(), CancellationToken.None);
                    sent++;
                }
                catch (OutboxEntryDroppedException)
                {
                    throw;
                }
                catch (Exception ex) when (DeliveryErrors.Classify(ex, cancellationToken) is { } failure)
                {
                    return await FailAsync(entry, i, "openapi", failure, sent);
                }
            }
            catch (OutboxEntryDroppedException)
            {
                return new ReplyDelivery(entry.Id, OutboxState.Dropped, sent, "dropped by the operator");
            }
        }

        if (fromWorker)
        {
            await outbox.RecordAttemptAsync(
                entry.Id, new OutboxAttempt(time.GetUtcNow(), useWebhook && WebhookUsable(entry) ? "webhook" : "openapi", "delivered", null),
                OutboxState.Delivered, null, CancellationToken.None);
            metrics.OutboxDelivered(account.Id);
            LogDeliveredLater(logger, account.Id, entry.Id, entry.Attempts + 1);
        }

        return new ReplyDelivery(entry.Id, OutboxState.Delivered, sent, null);
    }

    // Marks the part in flight just before its call goes on the wire. Clustered, the same write is the fence: a replica
    // that stalled past its lease (another took the entry or the message over) sends nothing and leaves it to the owner.
    private async Task BeginPartAsync(long id, int part, CancellationToken cancellationToken)
    {
        if (leases is not { Clustered: true })
        {
            if (!await outbox.BeginPartAsync(id, part, time.GetUtcNow(), cancellationToken))
            {
                throw new OutboxEntryDroppedException();
            }

            return;
        }

        switch (await outbox.BeginLeasedPartAsync(id, part, time.GetUtcNow(), leases.Owner, cancellationToken))
        {
            case OutboxPartStart.Gone:
                throw new OutboxEntryDroppedException();
            case OutboxPartStart.LeaseLost:
                throw LeaseLost(id, null);
        }
    }

    private Cluster.ReplyLeaseLostException LeaseLost(long? outboxId, string? messageKey)
    {
        LogLeaseLost(logger, account.Id, outboxId is { } id ? "reply outbox #" + id.ToString(CultureInfo.InvariantCulture) : "the answer to message " + messageKey, leases!.Owner);
        return new Cluster.ReplyLeaseLostException(outboxId);
    }

    // Part `part` was not delivered by the last path tried: retry later, hold (ambiguous) or fail, and say so in the history.
    /// <summary>The attempt outcome of the one automatic re-send an ambiguous failure gets.</summary>
    public const string AmbiguousRetry = "ambiguous-retry";

    private async Task<ReplyDelivery> FailAsync(OutboxEntry entry, int part, string path, DeliveryFailure failure, int sent)
    {
        var now = time.GetUtcNow();
        var attempts = entry.Attempts + 1;
        var partText = entry.Parts.Count == 1 ? string.Empty : $"part {part + 1} of {entry.Parts.Count}: ";
        var (state, outcome, reason) = failure.Class switch
        {
            DeliveryErrorClass.NotDelivered when attempts >= account.OutboxMaxAttempts =>
                (OutboxState.Failed, "failed", $"{partText}gave up after {attempts} attempts: {failure.Reason}"),
            DeliveryErrorClass.NotDelivered => (OutboxState.Pending, "retry", partText + failure.Reason),
            // Ambiguous: DingTalk may or may not show the part. Re-sent after the backoff, flagged as a possible repeat
            // (never silent), up to outboxAmbiguousResends times; ambiguous once more, it is held for the operator.
            DeliveryErrorClass.Ambiguous when entry.History.Count(h => h.Outcome == AmbiguousRetry) < account.OutboxAmbiguousResends =>
                (OutboxState.Pending, AmbiguousRetry, partText + failure.Reason),
            DeliveryErrorClass.Ambiguous => (OutboxState.Ambiguous, "ambiguous", partText + failure.Reason),
            _ => (OutboxState.Failed, "failed", partText + failure.Reason),
        };
        DateTimeOffset? next = state == OutboxState.Pending
            ? now + OutboxBackoff.Delay(attempts, account.OutboxRetryDelay, account.OutboxMaxRetryDelay, Random.Shared.NextDouble())
            : null;
        await outbox.RecordAttemptAsync(entry.Id, new OutboxAttempt(now, path, outcome, reason), state, next, CancellationToken.None);
        metrics.OutboxAttemptFailed(account.Id, outcome);
        LogNotDelivered(logger, account.Id, entry.Id, outcome, reason);
        if (state == OutboxState.Pending)
        {
            wakeup.Signal();
        }

        return new ReplyDelivery(entry.Id, state, sent, reason);
    }

    private bool WebhookUsable(OutboxEntry entry) =>
        entry.Webhook is not null && (entry.WebhookExpiresAt is not { } expires || expires - WebhookSafetyMargin > time.GetUtcNow());

    // The staff id a group answer mentions (GroupMention places it), if any.
    private static string? MentionOf(InboundMessage message) =>
        message.Conversation == ConversationKind.Group && message.Sender.StaffId is { Length: > 0 } staff ? staff : null;

    // The part first re-sent after an ambiguous failure carries the possible-repeat line; later parts never went out.
    private string PartText(OutboxEntry entry, int part) =>
        part == entry.DeliveredParts && entry.History.Count > 0 && entry.History[^1].Outcome == AmbiguousRetry
            ? ReplyTexts.PossibleRepeat.For((live?.Current ?? account).Locale) + "\n\n" + entry.Parts[part].Text
            : entry.Parts[part].Text;

    private Task PostWebhookAsync(OutboxEntry entry, int part, ApiCallMeter meter, ApiSendHooks hooks, CancellationToken cancellationToken)
    {
        var mention = part == 0 && entry.IsGroup && entry.UserId is not null;
        var text = mention ? GroupMention.Prefix(entry.UserId!, PartText(entry, part), entry.Markdown) : PartText(entry, part);
        var at = mention ? new WebhookAt([entry.UserId!]) : null;
        object body = entry.Markdown
            ? new WebhookMarkdownMessage(new WebhookMarkdown(entry.Parts[part].Title, text), at)
            : new WebhookTextMessage(new WebhookText(text), at);
        return api.PostWebhookAsync(new Uri(entry.Webhook!), entry.ConversationId, body, meter, hooks, cancellationToken);
    }

    private Task<string> SendByOpenApiAsync(OutboxEntry entry, int part, ApiCallMeter meter, ApiSendHooks hooks, CancellationToken cancellationToken)
    {
        var target = entry.IsGroup
            ? new MessageTarget(MessageTargetKind.Group, entry.ConversationId)
            : new MessageTarget(MessageTargetKind.User, entry.UserId
                ?? throw new MessageSendException($"The session webhook of message {entry.MessageKey} is expired and its sender has no staff id (an external user), so DingTalk's OpenAPI cannot reach them."));
        var (title, text) = (entry.Parts[part].Title, PartText(entry, part));
        var (key, param) = entry.Markdown
            ? ("sampleMarkdown", JsonSerializer.Serialize(new SampleMarkdownParam(title, text), DingTalkJsonContext.Wire.SampleMarkdownParam))
            : ("sampleText", JsonSerializer.Serialize(new SampleTextParam(text), DingTalkJsonContext.Wire.SampleTextParam));
        return robot.SendAsync(target, key, param, meter, hooks, cancellationToken);
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "Account {AccountId}: the session webhook refused a reply ({Code}); sending through the OpenAPI instead")]
    private static partial void LogWebhookRefused(ILogger logger, string accountId, string code, Exception exception);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning, Message = "Account {AccountId}: reply outbox #{OutboxId} not delivered ({Outcome}): {Reason}")]
    private static partial void LogNotDelivered(ILogger logger, string accountId, long outboxId, string outcome, string reason);

    [LoggerMessage(EventId = 1704, Level = LogLevel.Warning,
        Message = "Account {AccountId}: {Reply} not sent: replica {Replica} no longer holds it (another replica took it over while this one stalled, or its lease ran out); left to its new owner")]
    private static partial void LogLeaseLost(ILogger logger, string accountId, string reply, string replica);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Information, Message = "Account {AccountId}: reply outbox #{OutboxId} delivered at attempt {Attempt}")]
    private static partial void LogDeliveredLater(ILogger logger, string accountId, long outboxId, int attempt);
}
