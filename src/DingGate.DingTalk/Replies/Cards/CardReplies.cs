using DingGate.Core.Configuration;
using DingGate.Core.Inbound;
using DingGate.Core.Storage;
using DingGate.DingTalk.Api;
using DingGate.DingTalk.Replies.Media;
using DingGate.DingTalk.Replies.Sending;
using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk.Replies.Cards;

/// <summary>
/// The card-mode parts of one account (card client, open-card store, stoppable cards, degrade gate, the cards of a
/// crashed run left for resumed answers) and the choice whether a reply can be a card: it cannot when the account is
/// degraded or when the sender of a 1:1 chat has no staff id (external users get no IM_ROBOT card).
/// </summary>
internal sealed class CardReplies
{
    private readonly CardReplyParts _parts;
    private readonly ILoggerFactory _loggers;

    public CardReplies(
        DingTalkAccount account, DingTalkApiClient api, ConversationReplier replier, ReplyAttachmentSender attachments, IOpenCardStore store,
        ActiveCardRegistry registry, TimeProvider time, ILoggerFactory loggers, ResumableCards? resumable = null)
    {
        Resumable = resumable ?? new ResumableCards();
        _loggers = loggers;
        Gate = new CardModeGate(account, time, loggers.CreateLogger<CardModeGate>());
        _parts = new CardReplyParts(account, new AiCardClient(account, api), replier, attachments, store, registry, Gate, time);
    }

    public CardModeGate Gate { get; }

    public ActiveCardRegistry Registry => _parts.Registry;

    /// <summary>The open cards of a crashed run whose messages this start answers again (see <see cref="OpenCardRecovery"/>).</summary>
    public ResumableCards Resumable { get; }

    /// <summary>
    /// A card sink for <paramref name="message"/>, or null when this reply must be markdown. A message answered again
    /// after a crash gets the card its first answer left open (claimed from <see cref="Resumable"/>). The card's notes
    /// are in <paramref name="locale"/> (the account's locale as the last reload left it), else the account's.
    /// </summary>
    public CardReplySink? TryCreate(InboundMessage message, string messageKey, Core.Texts.BotLocale? locale = null) =>
        CardTarget.For(message) is { } target && Gate.AllowsCards()
            ? Create(message, messageKey, target, Resumable.Claim(messageKey), locale)
            : null;

    /// <summary>One conversation's cards are created in the order their messages were handed over (see <see cref="CardOpeningOrder"/>).</summary>
    public CardOpeningOrder Opening { get; } = new();

    // A resumed card created already has no create to order; every other card takes its place in the line.
    private CardReplySink Create(InboundMessage message, string messageKey, CardTarget target, OpenCard? resumed, Core.Texts.BotLocale? locale) =>
        new(message, messageKey, target, _parts, _loggers.CreateLogger<CardReplySink>(), resumed, locale,
            resumed is { State: OpenCardState.Created } ? null : Opening.Enter(message.ConversationId));
}
