using DingGate.Core.Configuration;
using DingGate.Core.Inbound;
using DingGate.Core.Replies;
using DingGate.Core.Storage;
using DingGate.DingTalk.Quota;
using DingGate.DingTalk.Replies.Cards;
using DingGate.DingTalk.Replies.Markdown;
using DingGate.DingTalk.Replies.Media;
using DingGate.DingTalk.Replies.Sending;
using DingGate.DingTalk.Replies.Thinking;
using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk.Replies;

/// <summary>
/// Picks the reply strategy of one account per message (messageType markdown | card) and wraps it for the books (and,
/// on a clustered replica, in the fence of <see cref="Cluster.HeldTurns"/>).
/// </summary>
internal sealed class ReplySinkFactory(
    DingTalkAccount account,
    ConversationReplier replier,
    ThinkingIndicator indicator,
    ReplyAttachmentSender attachments,
    IInboundJournal journal,
    ReplyMetrics metrics,
    ILogger<TrackedReplySink> logger,
    CardReplies cards,
    QuotaGovernor? quota = null,
    LiveAccount? live = null,
    OpenReplies? open = null,
    Cluster.HeldTurns? held = null)
{
    public IReplySink Create(InboundMessage message, string messageKey)
    {
        var book = new ReplyJournalBook(journal, message.AccountId, messageKey);
        var strategy = CreateStrategy(message, messageKey, book);
        open?.Opened();
        var tracked = new TrackedReplySink(strategy, message, book, metrics, logger, open);
        // Clustered: fenced, so a turn whose message another replica took over stops and sends nothing.
        return held is null ? tracked : new Cluster.FencedReplySink(tracked, held.Register(message.AccountId, messageKey));
    }

    private IReplySink CreateStrategy(InboundMessage message, string messageKey, ReplyJournalBook book)
    {
        // From the cards-off step on, card replies go as markdown: through the session webhook they cost no OpenAPI call.
        // messageType follows a reloaded config file (the card settings themselves are fixed for the runtime).
        if (!(live?.Current ?? account).UsesCards || quota?.StepFor(account.Id) >= QuotaStep.CardsOff)
        {
            return new MarkdownReplySink(message, messageKey, book, replier, indicator, attachments, (live?.Current ?? account).Locale);
        }

        return (IReplySink?)cards.TryCreate(message, messageKey, (live?.Current ?? account).Locale)
            ?? new FellBackReplySink(new MarkdownReplySink(message, messageKey, book, replier, indicator, attachments, (live?.Current ?? account).Locale));
    }
}
